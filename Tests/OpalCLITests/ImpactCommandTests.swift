import Foundation
import OpalCore
import OpperEmulator
import Testing

/// `opal impact --down`: per alias the hops still answering, dead chains first, exit 1 when any
/// alias has no hop left; text and JSON; and the nightly CI recipe that runs it.
@Suite struct ImpactCommandTests {
  static let config = """
    version: 1
    aliases:
      claude-only:
        models: [anthropic/claude-sonnet-4, anthropic/claude-opus-4]
      sonnet4:
        models: [aws/claude-sonnet-4-eu, anthropic/claude-sonnet-4, gcp/claude-sonnet-4]
      fast:
        models: [openai/gpt-4o-mini]
    """

  @Test func anthropicDownListsTheAliasWithNoHopLeftFirstAndExitsOne() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(Self.config, to: "opal.yaml", in: dir)
    let r = await CLIHarness().run(["impact", "--down", "anthropic", "-f", path, "--no-color"])
    #expect(r.exitCode == 1, "\(r.all)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let first = try #require(lines.first { $0.contains("claude-only") || $0.contains("sonnet4") })
    #expect(
      first.hasPrefix("✗ claude-only  no hop left (down: anthropic/claude-sonnet-4, anthropic/claude-opus-4)")
    )
    #expect(r.stdout.contains("~ sonnet4  2 of 3 hops left: aws/claude-sonnet-4-eu, gcp/claude-sonnet-4"))
    #expect(r.stdout.contains("  fast  unaffected"))
    #expect(r.stdout.contains("1 of 3 chains left with no model, 1 degraded"))
  }

  @Test func modelsAndGlobsAndJSON() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(Self.config, to: "opal.yaml", in: dir)
    let ok = await CLIHarness().run(["impact", "--down", "openai/gpt-4o", "-f", path])
    #expect(ok.exitCode == 0, "\(ok.all)")
    let r = await CLIHarness().run(["impact", "--down", "openai/*,gcp", "--format", "json", "-f", path])
    #expect(r.exitCode == 1, "\(r.all)")
    let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(doc?["kind"] as? String == "opal-impact")
    #expect(doc?["down"] as? [String] == ["gcp", "openai/*"])
    let chains = try #require(doc?["chains"] as? [[String: Any]])
    #expect(chains.first?["name"] as? String == "fast")
    #expect(chains.first?["status"] as? String == "down")
    #expect(chains.first?["line"] as? Int == 7)
    let sonnet = try #require(chains.first { $0["name"] as? String == "sonnet4" })
    #expect(sonnet["answering"] as? [String] == ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4"])
    #expect((doc?["summary"] as? [String: Any])?["no_hop_left"] as? Int == 1)
  }

  @Test func liveJudgesWhatTheOrganizationHoldsAndPolicyBlocksCountAsDown() async throws {
    try await EmulatorFixture.with(emulator: { config in
      config.policy = ModelPolicyRules(rules: [.init(pattern: try! Glob("gcp/*"))])
    }) { emu in
      _ = try await emu.withClient { client in
        _ = try await client.createAlias(
          .init(name: "deployed", fallbackModels: ["anthropic/claude-sonnet-4", "gcp/claude-sonnet-4"]))
        _ = try await client.createAlias(
          .init(name: "spread", fallbackModels: ["openai/gpt-4o", "aws/claude-sonnet-4-eu"]))
      }
      let r = await emu.run(["impact", "--live", "--down", "anthropic", "--format", "json"])
      #expect(r.exitCode == 1, "\(r.all)")
      let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
      let chains = try #require(doc?["chains"] as? [[String: Any]])
      #expect(chains.map { $0["name"] as? String } == ["deployed", "spread"])
      #expect(chains.first?["down"] as? [String] == ["anthropic/claude-sonnet-4", "gcp/claude-sonnet-4"])
      #expect(chains.last?["status"] as? String == "ok")
    }
  }

  @Test func downIsRequiredAndHelpTeaches() async {
    let missing = await CLIHarness().run(["impact"])
    #expect(missing.exitCode != 0)
    #expect(missing.stderr.contains("--down"))
    let help = await CLIHarness().run(["impact", "--help"])
    #expect(help.stdout.contains("opal impact --down anthropic"))
    #expect(help.stdout.contains("Exit codes"))
  }

  @Test func theNightlyCatalogRecipeRunsAgainstTheEmulator() async throws {
    let steps = try CIWorkflowTests.opalSteps("examples/ci/nightly-catalog.yml")
    #expect(steps.count >= 3)
    try await EmulatorFixture.with { emu in
      let config = try emu.write(CIWorkflowTests.config)
      for step in steps {
        var args: [String] = []
        var skip = false
        for arg in step {
          if skip {
            skip = false
            continue
          }
          if arg == "-f" {
            skip = true
            continue
          }
          args.append(arg.hasPrefix("$") ? "anthropic" : arg)
        }
        let r = await emu.run(args + ["-f", config])
        #expect(r.exitCode == 0, "opal \(step.joined(separator: " ")): \(r.all)")
      }
    }
  }
}
