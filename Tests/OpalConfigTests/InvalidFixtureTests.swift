import Foundation
import OpalCore
import Testing

@testable import OpalConfig

/// One bad config under `Fixtures/invalid/` and what loading it must report first.
///
/// The sibling `.expected` file holds `line:column: message-substring`, optionally a
/// `hint: substring` line, and `schema: accepts` when the JSON Schema cannot see the problem
/// (a check only the loader makes, such as duplicate keys or nested aliases).
struct InvalidFixture: CustomTestStringConvertible, Sendable {
  let name: String
  let path: String
  let line: Int
  let column: Int
  let message: String
  let hint: String?
  let schemaAccepts: Bool

  var testDescription: String { name }

  static func all() -> [InvalidFixture] {
    let folder = TestPaths.fixtures.appendingPathComponent("invalid")
    return TestPaths.files(in: folder, suffix: ".yaml").compactMap { url in
      let expectedURL = url.deletingPathExtension().appendingPathExtension("expected")
      guard let text = try? String(contentsOf: expectedURL, encoding: .utf8) else { return nil }
      let lines = text.split(separator: "\n").map(String.init)
      guard let first = lines.first else { return nil }
      let parts = first.split(separator: ":", maxSplits: 2).map(String.init)
      guard parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]) else { return nil }
      let hint = lines.first { $0.hasPrefix("hint: ") }.map { String($0.dropFirst(6)) }
      return InvalidFixture(
        name: url.deletingPathExtension().lastPathComponent, path: url.path, line: line,
        column: column, message: parts[2].trimmingCharacters(in: .whitespaces), hint: hint,
        schemaAccepts: lines.contains("schema: accepts"))
    }
  }
}

@Test func theInvalidCorpusIsComplete() {
  let folder = TestPaths.fixtures.appendingPathComponent("invalid")
  let yaml = TestPaths.files(in: folder, suffix: ".yaml")
  #expect(yaml.count >= 40)
  // Every fixture has a readable expectation.
  #expect(InvalidFixture.all().count == yaml.count)
}

@Test(arguments: InvalidFixture.all())
func invalidFixtureReportsItsFirstDiagnostic(_ fixture: InvalidFixture) throws {
  let result = ConfigLoader().load(paths: [fixture.path])
  #expect(result.state == nil)
  let first = try #require(result.diagnostics.first)
  #expect(first.severity == .error)
  #expect(first.location?.file == fixture.path)
  #expect(first.location?.line == fixture.line, "\(first.message)")
  #expect(first.location?.column == fixture.column, "\(first.message)")
  #expect(first.message.contains(fixture.message), "got: \(first.message)")
  if let hint = fixture.hint {
    #expect(first.hint?.contains(hint) == true, "got hint: \(first.hint ?? "none")")
  }
}
