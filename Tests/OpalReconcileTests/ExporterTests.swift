import OpalConfig
import OpperAPI
import Testing

@testable import OpalReconcile

@Suite struct ExporterTests {
  @Test func quotingRules() {
    let plain = ["sonnet4", "team-a/main", "openai/gpt-4o", "a_b.c"]
    for s in plain { #expect(YAMLScalarQuoting.scalar(s, context: .flowItem) == s) }
    let quoted = [
      "", "a: b", "a #b", "-lead", "'q'", "\"q\"", "yes", "No", "NULL", "true", "off", "~", "12", "1e3",
      "0x1F", ".inf", "é", "line\nbreak", " pad", "a,b", "[x]", "{x}", "*star", "&anchor", "!tag", "%d", "@a",
      "`b", "|", ">", "?",
    ]
    for s in quoted { #expect(YAMLScalarQuoting.scalar(s, context: .flowItem).hasPrefix("\""), "\(s)") }
    #expect(YAMLScalarQuoting.scalar("Fast and cheap", context: .blockValue) == "Fast and cheap")
    #expect(YAMLScalarQuoting.scalar("Fast and cheap", context: .flowItem) == "\"Fast and cheap\"")
    #expect(YAMLScalarQuoting.doubleQuoted("a\"b\\c\nd\u{7}") == #""a\"b\\c\nd\u0007""#)
  }

  @Test func exportIsSortedAndOmitsMissingDescriptions() {
    let remote = [
      Fixtures.alias("2", "b", ["m1", "m2"]), Fixtures.alias("1", "a", ["m1"], description: "Fast"),
      Fixtures.alias("3", "skip/me", ["m1"]),
    ]
    let result = Exporter(exclude: Fixtures.globs(["skip/*"])).export(remote)
    #expect(result.count == 2)
    #expect(
      result.yaml == """
        version: 1
        scope:
          include: ["*"]
          exclude: ["skip/*"]
        prune: true
        aliases:
          a:
            description: Fast
            models: [m1]
          b:
            models: [m1, m2]

        """)
  }

  @Test func emptyExportIsAValidEmptyMap() {
    #expect(Exporter().export([]).yaml == "version: 1\nscope:\n  include: [\"*\"]\naliases: {}\n")
  }

  static let nastyNames = [
    "plain", "with: colon", "hash #tag", "-leading", "'single'", "\"double\"", "yes", "null", "true", "123",
    "1.5", "0o17", "ünïcödé/名前", "emoji 🚀", "a,b", "[bracket]", "{brace}", "*glob", "&anchor", "!bang",
    "%percent", "@at", "`tick", "back\\slash", "trailing.", "x/y/z",
  ]

  @Test func exportThenLoadThenPlanIsEmpty() throws {
    var remote: [Alias] = []
    for (i, name) in Self.nastyNames.enumerated() {
      let description: String? =
        switch i % 4 {
        case 0: nil
        case 1: "line one\nline two: \"quoted\" # not a comment"
        case 2: "yes"
        default: "  spaced  "
        }
      remote.append(
        Fixtures.alias("id\(i)", name, ["openai/gpt-4o", "odd: model #1", "no"], description: description))
    }
    let yaml = Exporter().export(remote).yaml
    let loaded = ConfigLoader().load(text: yaml, file: "export.yaml")
    let errors = loaded.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.map(\.message))\n\(yaml)")
    let state = try #require(loaded.state)
    #expect(state.aliases.count == remote.count)
    let plan = Planner().plan(desired: state, remote: remote)
    #expect(!plan.hasChanges, "\(TextPlanRenderer().render(plan))")
  }
}
