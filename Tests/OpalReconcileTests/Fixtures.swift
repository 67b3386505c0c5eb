import OpalConfig
import OpalCore
import OpperAPI

/// Small builders shared by the tests.
enum Fixtures {
  static func spec(
    _ name: String, _ models: [String], description: String? = nil, renamedFrom: [String] = []
  ) -> AliasSpec {
    AliasSpec(
      name: name, description: description, models: models, renamedFrom: renamedFrom,
      location: SourceLocation(file: "opal.yaml", line: 3, column: 3))
  }

  static func alias(_ id: String, _ name: String, _ models: [String], description: String? = nil) -> Alias {
    Alias(id: id, name: name, fallbackModels: models, description: description)
  }

  static func globs(_ patterns: [String]) -> GlobSet {
    (try? GlobSet(patterns: patterns)) ?? GlobSet([])
  }

  static func state(
    _ aliases: [AliasSpec], prune: Bool = false, include: [String]? = nil, exclude: [String] = [],
    protect: [String] = []
  ) -> DesiredState {
    DesiredState(
      scope: Scope(include: include.map(globs), exclude: globs(exclude), protect: globs(protect)),
      prune: prune, aliases: aliases)
  }

  /// A plan with every kind of change, for the renderers' golden files.
  static var showcase: (DesiredState, [Alias]) {
    let desired = state(
      [
        spec(
          "sonnet4", ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4", "openai/gpt-4o"],
          description: "Preferred stack: sonnet eu AWS → anthropic → gcp"),
        spec("team-a/fast", ["openai/gpt-4o-mini", "gcp/gemini-2.5-flash"], description: "Cheap and quick"),
        spec("team-a/main", ["anthropic/claude-sonnet-4"], renamedFrom: ["team-a/primary"]),
        spec("team-a/same", ["openai/gpt-4o"]),
      ], prune: true, include: ["team-a/*", "sonnet4"], protect: ["team-a/prod-*"])
    let remote = [
      alias(
        "a1", "sonnet4", ["openai/gpt-4o", "aws/claude-sonnet-4-eu", "gcp/claude-sonnet-4"],
        description: "Old stack"),
      alias("a2", "team-a/primary", ["anthropic/claude-sonnet-4"]),
      alias("a3", "team-a/old", ["openai/gpt-4o"], description: "Retired"),
      alias("a4", "team-a/prod-keep", ["openai/gpt-4o"]),
      alias("a5", "team-a/same", ["openai/gpt-4o"]),
      alias("a6", "other-team/x", ["openai/gpt-4o"]),
    ]
    return (desired, remote)
  }
}
