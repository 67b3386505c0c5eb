import Foundation
import Testing

/// SPEC §12 items 6 and 10: a config is held to the scope it states.
@Suite struct ScopeWarningTests {
  func validate(_ text: String) async throws -> (CLIHarness.Result, String) {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(text, to: "opal.yaml", in: dir)
    return (await CLIHarness().run(["validate", "-f", path, "--no-color"]), path)
  }

  @Test func declaredAliasThatScopeExcludeCoversIsAnErrorAtItsLine() async throws {
    let (r, path) = try await validate(
      """
      version: 1
      scope: {include: ["team-a/*"], exclude: ["team-a/scratch-*"]}
      aliases:
        team-a/main:
          models: [openai/gpt-4o]
        team-a/scratch-1:
          models: [openai/gpt-4o]
      """)
    #expect(r.exitCode == 1, "\(r.all)")
    #expect(
      r.stderr.contains("\(path):6:3: error: alias 'team-a/scratch-1' is declared but scope.exclude"),
      "\(r.stderr)")
    #expect(r.stderr.contains("'team-a/scratch-*'"))
    #expect(!r.stderr.contains("team-a/main' is declared"))
  }

  @Test func declaredAliasOutsideAnExplicitIncludeIsAnError() async throws {
    let (r, path) = try await validate(
      """
      version: 1
      scope:
        include: ["team-a/*"]
      aliases:
        team-b/x:
          models: [openai/gpt-4o]
      """)
    #expect(r.exitCode == 1, "\(r.all)")
    #expect(
      r.stderr.contains(
        "\(path):5:3: error: alias 'team-b/x' is declared but scope.include does not cover it"), "\(r.stderr)"
    )
    #expect(r.stderr.contains("1 error"))
  }

  @Test func declaredRouteThatScopeExcludeCoversIsAnErrorAtItsLine() async throws {
    let (r, path) = try await validate(
      """
      version: 1
      scope: {include: ["team-a-*"], exclude: ["team-a-scratch*"]}
      routes:
        team-a-main:
          models: [openai/gpt-4o]
        team-a-scratch1:
          models: [openai/gpt-4o]
      """)
    #expect(r.exitCode == 1, "\(r.all)")
    #expect(
      r.stderr.contains("\(path):6:3: error: route 'team-a-scratch1' is declared but scope.exclude"),
      "\(r.stderr)")
    #expect(r.stderr.contains("'team-a-scratch*'"))
    #expect(r.stderr.contains("the file would change a route it says it does not own"))
    #expect(!r.stderr.contains("team-a-main' is declared"))
  }

  @Test func declaredRouteOutsideAnExplicitIncludeIsAnError() async throws {
    let (r, path) = try await validate(
      """
      version: 1
      scope:
        include: ["team-a-*"]
      aliases:
        team-a-x:
          models: [openai/gpt-4o]
      routes:
        team-b-support:
          models: [openai/gpt-4o]
      """)
    #expect(r.exitCode == 1, "\(r.all)")
    #expect(
      r.stderr.contains(
        "\(path):8:3: error: route 'team-b-support' is declared but scope.include does not cover it"),
      "\(r.stderr)")
    #expect(r.stderr.contains("add 'team-b-support' (or a glob covering it) to scope.include"))
    #expect(r.stderr.contains("1 error"))
  }

  @Test func pruneWithoutIncludeIsACountedWarning() async throws {
    let (r, path) = try await validate(
      """
      version: 1
      prune: true
      aliases:
        a:
          models: [openai/gpt-4o]
      """)
    #expect(r.exitCode == 0, "\(r.all)")
    #expect(
      r.stderr.contains("\(path):2:1: warning: prune is on but scope.include is not set"), "\(r.stderr)")
    #expect(r.stdout.contains("(1 warning)"), "\(r.stdout)")
  }
}
