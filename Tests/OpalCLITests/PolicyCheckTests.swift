import Foundation
import OpperAPI
import Testing

/// The config's `policy:` (SPEC §14) checked against the emulator's catalog: rules, globs and
/// severities, each finding at the chain's or the hop's line.
@Suite struct PolicyCheckTests {
  @Test func minProvidersFailsAOneProviderChainAtItsLine() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(
        """
        version: 1
        policy: {min_providers: 2}
        aliases:
          solo:
            models: [anthropic/claude-sonnet-4, anthropic/claude-opus-4]
          spread:
            models: [anthropic/claude-sonnet-4, aws/claude-sonnet-4-eu]
        """)
      let r = await emu.run(["validate", "-f", path, "--online", "--no-color"])
      #expect(r.exitCode == 1, "\(r.all)")
      #expect(
        r.stderr.contains(
          "\(path):4:3: error: alias solo spans 1 provider (anthropic); the policy asks for at least 2"))
      #expect(!r.stderr.contains("alias spread spans"))
      let plan = await emu.run(["plan", "-f", path])
      #expect(plan.exitCode == 1, "\(plan.all)")
    }
  }

  @Test func minProvidersHoldsOfflineToo() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\npolicy: {min_providers: 2}\naliases:\n  solo: {models: [openai/gpt-4o, openai/gpt-4o-mini]}\n",
      to: "opal.yaml", in: dir)
    let r = await CLIHarness().run(["validate", "-f", path, "--no-color"])
    #expect(r.exitCode == 1, "\(r.all)")
    #expect(r.stderr.contains("\(path):4:3: error: alias solo spans 1 provider (openai)"))
  }

  @Test func globsAndSeveritiesChooseWhatIsCheckedAndHowHard() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(
        """
        version: 1
        policy:
          - names: "prod/*"
            regions: [eu]
            max_price_per_mtok: {output: 20}
          - names: "lab/*"
            severity: warning
            require_capabilities: [vision]
            countries: [US]
        aliases:
          prod/main:
            models: [aws/claude-sonnet-4-eu, anthropic/claude-opus-4]
          lab/cheap:
            models: [groq/llama-3.1-8b-instant]
          other:
            models: [anthropic/claude-opus-4]
        """)
      let r = await emu.run(["validate", "-f", path, "--online", "--no-color"])
      #expect(r.exitCode == 1, "\(r.all)")
      #expect(
        r.stderr.contains(
          "\(path):12:38: error: anthropic/claude-opus-4 runs in region 'us', outside the allowed eu"))
      #expect(
        r.stderr.contains(
          "error: anthropic/claude-opus-4 costs $75.00 per million output tokens, over the policy's $20.00"))
      #expect(r.stderr.contains("(policy at policy[0])"))
      #expect(
        r.stderr.contains(
          "\(path):14:14: warning: groq/llama-3.1-8b-instant lacks the required 'vision' (policy at policy[1])"
        ))
      #expect(!r.stderr.contains("country"))
      // `other` is named by no rule set: opus is fine there.
      #expect(!r.stderr.contains(":16:"))
    }
  }

  @Test func noRetiredMakesEvenALiveRetiredHopAnError() async throws {
    try await EmulatorFixture.with { emu in
      _ = try await emu.withClient { client in
        try await client.createAlias(.init(name: "legacy", fallbackModels: ["groq/gemma2-9b-it"]))
      }
      let path = try emu.write(
        "version: 1\npolicy: {no_retired: true}\naliases:\n  legacy: {models: [groq/gemma2-9b-it]}\n")
      let plan = await emu.run(["plan", "-f", path, "--no-color"])
      #expect(plan.exitCode == 1, "\(plan.all)")
      #expect(plan.stderr.contains("error: groq/gemma2-9b-it was retired on "))
      #expect(plan.stderr.contains("write: - groq/llama-3.1-8b-instant"))
    }
  }
}
