import Foundation
import OpperAPI
import Testing

/// plan → apply → plan → export → plan, through the real CLI against a live emulator.
@Suite struct ReconcileFlowTests {
  static let config = """
    version: 1
    x-chains:
      sonnet: &sonnet [aws/claude-sonnet-4-eu, anthropic/claude-sonnet-4, gcp/claude-sonnet-4]
    aliases:
      sonnet4:
        description: "Preferred stack"
        models: *sonnet
      team-a/fast:
        models: [openai/gpt-4o-mini, gcp/gemini-2.5-flash]
    """

  @Test func planApplyThenNoChanges() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)

      let plan = await emu.run(["plan", "-f", path, "--detailed-exitcode", "--no-color"])
      #expect(plan.exitCode == 2, "\(plan.all)")
      #expect(plan.stdout.contains("+ sonnet4"))
      #expect(plan.stdout.contains("+ team-a/fast"))

      let apply = await emu.run(["apply", "-f", path, "--auto-approve"])
      #expect(apply.exitCode == 0, "\(apply.all)")

      let again = await emu.run(["plan", "-f", path, "--detailed-exitcode"])
      #expect(again.exitCode == 0, "\(again.all)")
      #expect(again.stdout.contains("No changes"))

      let remote = try await emu.withClient { try await $0.listAliases() }
      #expect(remote.map(\.name).sorted() == ["sonnet4", "team-a/fast"])
      #expect(remote.first { $0.name == "sonnet4" }?.fallbackModels.first == "aws/claude-sonnet-4-eu")
    }
  }

  @Test func exportRoundTripsToAnEmptyPlan() async throws {
    try await EmulatorFixture.with { emu in
      _ = try await emu.withClient { client in
        _ = try await client.createAlias(
          AliasCreate(name: "prod: main #1", fallbackModels: ["openai/gpt-4o"], description: "yes"))
        _ = try await client.createAlias(AliasCreate(name: "null", fallbackModels: ["openai/gpt-4o-mini"]))
      }
      let out = emu.directory.appendingPathComponent("exported.yaml").path
      let export = await emu.run(["export", "-o", out])
      #expect(export.exitCode == 0, "\(export.all)")
      let plan = await emu.run(["plan", "-f", out, "--detailed-exitcode"])
      #expect(plan.exitCode == 0, "\(plan.all)")
    }
  }

  @Test func driftMadeByHandIsDetected() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      #expect(await emu.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      try await emu.withClient { client in
        guard let alias = try await client.alias(named: "sonnet4") else { throw CancellationError() }
        _ = try await client.updateAlias(
          id: alias.id, AliasUpdate(fallbackModels: ["anthropic/claude-sonnet-4", "aws/claude-sonnet-4-eu"]))
      }
      let drift = await emu.run(["plan", "-f", path, "--detailed-exitcode", "--no-color"])
      #expect(drift.exitCode == 2, "\(drift.all)")
      #expect(drift.stdout.contains("~ sonnet4"))
    }
  }

  @Test func stalePlanIsRefusedAndSaysWhatMoved() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      let planFile = emu.directory.appendingPathComponent("plan.json").path
      #expect(await emu.run(["plan", "-f", path, "-o", planFile]).exitCode == 0)
      _ = try await emu.withClient { client in
        try await client.createAlias(AliasCreate(name: "sonnet4", fallbackModels: ["openai/gpt-4o"]))
      }
      let apply = await emu.run(["apply", planFile, "-f", path])
      #expect(apply.exitCode == 1)
      #expect(apply.stderr.contains("stale plan"))
      #expect(apply.stderr.contains("sonnet4"))
      // The refused apply changed nothing.
      let remote = try await emu.withClient { try await $0.listAliases() }
      #expect(remote.map(\.name) == ["sonnet4"])
    }
  }

  @Test func savedPlanAppliesWhenNothingMoved() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      let planFile = emu.directory.appendingPathComponent("plan.json").path
      #expect(await emu.run(["plan", "-f", path, "-o", planFile]).exitCode == 0)
      let apply = await emu.run(["apply", planFile, "-f", path, "--format", "json"])
      #expect(apply.exitCode == 0, "\(apply.all)")
      let report = try JSONSerialization.jsonObject(with: Data(apply.stdout.utf8)) as? [String: Any]
      #expect((report?["counts"] as? [String: Any])?["succeeded"] as? Int == 2)
    }
  }

  @Test func unknownModelFailsThePlanWithAHint() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write("version: 1\naliases:\n  x:\n    models: [antropic/claude-sonnet-4]\n")
      let r = await emu.run(["plan", "-f", path])
      #expect(r.exitCode == 1)
      #expect(r.stderr.contains("anthropic/claude-sonnet-4"))
    }
  }

  @Test func pruneDeletesOnlyInScopeAndNeverProtected() async throws {
    try await EmulatorFixture.with { emu in
      _ = try await emu.withClient { client in
        for name in ["team-a/old", "team-a/keep-prod", "team-b/other"] {
          _ = try await client.createAlias(AliasCreate(name: name, fallbackModels: ["openai/gpt-4o"]))
        }
      }
      let path = try emu.write(
        """
        version: 1
        scope: {include: ["team-a/*"], protect: ["team-a/keep-*"]}
        prune: true
        aliases:
          team-a/new: {models: [openai/gpt-4o-mini]}
        """)
      let apply = await emu.run(["apply", "-f", path, "--auto-approve"])
      #expect(apply.exitCode == 0, "\(apply.all)")
      let names = try await emu.withClient { try await $0.listAliases() }.map(\.name).sorted()
      #expect(names == ["team-a/keep-prod", "team-a/new", "team-b/other"])
    }
  }
}
