import Foundation
import OpalConfig
import OpperAPI
import Testing

@testable import OpalReconcile

/// Bidi overrides and zero-width characters in names and descriptions never reach a terminal
/// or a pull-request comment raw: they are shown as `\u{202E}`.
@Suite struct InvisibleCharacterTests {
  var plan: Plan {
    let desired = Fixtures.state(
      [Fixtures.spec("evil\u{202E}name", ["openai/gpt-4o\u{200B}"], description: "zero\u{200B}width")])
    return Planner().plan(desired: desired, remote: [])
  }

  @Test func theTextPlanEscapesThem() {
    let text = TextPlanRenderer().render(plan)
    #expect(!text.unicodeScalars.contains("\u{202E}"))
    #expect(!text.unicodeScalars.contains("\u{200B}"))
    #expect(text.contains(#"evil\u{202E}name"#))
    #expect(text.contains(#"zero\u{200B}width"#))
    #expect(text.contains(#"openai/gpt-4o\u{200B}"#))
  }

  @Test func theMarkdownPlanEscapesThem() {
    let md = MarkdownPlanRenderer().render(plan)
    #expect(!md.unicodeScalars.contains("\u{202E}"))
    #expect(!md.unicodeScalars.contains("\u{200B}"))
    #expect(md.contains(#"evil\u{202E}name"#))
    #expect(md.contains(#"zero\u{200B}width"#))
  }

  @Test func theJSONPlanEscapesThemAndStillDecodesToTheSameNames() throws {
    // Issue 13 §11: a reviewer reading the JSON sees two different names; a tool decoding it
    // gets the names exactly as they are.
    let json = JSONPlanRenderer().render(plan)
    #expect(!json.unicodeScalars.contains("\u{202E}"))
    #expect(!json.unicodeScalars.contains("\u{200B}"))
    #expect(json.contains(#"evil\u202Ename"#))
    let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let names = (decoded["changes"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
    #expect(names.contains("evil\u{202E}name"), "\(names)")
  }
}
