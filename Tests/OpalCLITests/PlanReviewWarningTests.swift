import Foundation
import OpperAPI
import Testing

/// SPEC §12 items 11 and 13: the warnings and refusals a reviewer relies on, through the CLI.
@Suite struct PlanReviewWarningTests {
  func create(_ emu: EmulatorFixture, _ names: [String], models: [String] = ["openai/gpt-4o"]) async throws {
    try await emu.withClient { client in
      for name in names { _ = try await client.createAlias(AliasCreate(name: name, fallbackModels: models)) }
    }
  }

  @Test func renamingAProtectedAliasIsRefusedWithoutForce() async throws {
    try await EmulatorFixture.with { emu in
      try await create(emu, ["team-a/prod-main"])
      let path = try emu.write(
        """
        version: 1
        scope: {include: ["team-a/*"], protect: ["team-a/prod-*"]}
        aliases:
          team-a/main:
            models: [openai/gpt-4o]
            renamed_from: [team-a/prod-main]
        """)
      let refused = await emu.run(["apply", "-f", path, "--auto-approve"])
      #expect(refused.exitCode == 1, "\(refused.all)")
      #expect(refused.stderr.contains("scope.protect covers"), "\(refused.stderr)")
      #expect(try await emu.withClient { try await $0.listAliases() }.map(\.name) == ["team-a/prod-main"])
      let forced = await emu.run(["apply", "-f", path, "--auto-approve", "--force"])
      #expect(forced.exitCode == 0, "\(forced.all)")
      #expect(try await emu.withClient { try await $0.listAliases() }.map(\.name) == ["team-a/main"])
    }
  }

  @Test func renamedFromMatchingNothingWarnsWithDidYouMean() async throws {
    try await EmulatorFixture.with { emu in
      try await create(emu, ["claude-sonnet"])
      let path = try emu.write(
        """
        version: 1
        scope: {include: ["*"]}
        aliases:
          claude-sonnet:
            models: [openai/gpt-4o]
          sonnet4:
            models: [openai/gpt-4o]
            renamed_from: [claude-sonet]
        """)
      let r = await emu.run(["plan", "-f", path, "--no-color"])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(
        r.stderr.contains("\(path):6:3: warning: renamed_from of 'sonnet4' matches no remote alias"),
        "\(r.stderr)")
      #expect(r.stderr.contains("did you mean 'claude-sonnet'?"))
      #expect(r.stderr.contains("1 warning"))
      #expect(!r.stdout.contains("warning"))
    }
  }

  @Test func deleteAndCreateOfIdenticalContentSuggestsRenamedFrom() async throws {
    try await EmulatorFixture.with { emu in
      try await create(emu, ["team-a/old"], models: ["openai/gpt-4o", "anthropic/claude-sonnet-4"])
      let path = try emu.write(
        """
        version: 1
        scope: {include: ["team-a/*"]}
        prune: true
        aliases:
          team-a/new:
            models: [openai/gpt-4o, anthropic/claude-sonnet-4]
        """)
      let r = await emu.run(["plan", "-f", path, "--no-color"])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(
        r.stderr.contains("warning: 'team-a/new' is created with the same content as 'team-a/old'"),
        "\(r.stderr)")
      #expect(r.stderr.contains("did you mean `renamed_from: [team-a/old]`?"))
      #expect(r.stdout.contains("did you mean `renamed_from: [team-a/old]`?"), "\(r.stdout)")
    }
  }

  @Test func undeclaredAliasesInScopeWithPruneOffAreACountedWarning() async throws {
    try await EmulatorFixture.with { emu in
      try await create(emu, ["team-a/a", "team-a/stray", "team-a/other"])
      let path = try emu.write(
        "version: 1\nscope: {include: [\"team-a/*\"]}\naliases:\n  team-a/a:\n    models: [openai/gpt-4o]\n")
      let r = await emu.run(["plan", "-f", path, "--no-color"])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(
        r.stderr.contains(
          "warning: 2 undeclared aliases in scope (prune is off): team-a/other, team-a/stray"), "\(r.stderr)")
      #expect(r.stderr.contains("1 warning"))
      #expect(!r.stdout.contains("The remote matches the configuration"), "\(r.stdout)")
      let md = await emu.run(["plan", "-f", path, "--format", "markdown"])
      #expect(md.stdout.contains("2 undeclared aliases in scope (prune is off)"), "\(md.stdout)")
      #expect(!md.stdout.contains("The remote matches the configuration"))
    }
  }
}
