import Foundation
import OpalCore
import OpperAPI
import OpperEmulator
import Testing

/// SPEC §14's catalog checks through the real CLI against the emulator's default catalog:
/// retired hops (with the successor and the line to write), retiring hops, degraded fallbacks,
/// policy blocks, and the leniency for hops a plan does not change.
@Suite struct CatalogCheckTests {
  @Test func aRetiredHopFailsValidateOnlineAtItsLineNamingTheSuccessor() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(
        """
        version: 1
        aliases:
          haiku:
            models:
              - anthropic/claude-3-5-haiku
              - anthropic/claude-3-haiku
        """)
      let r = await emu.run(["validate", "-f", path, "--online", "--no-color"])
      #expect(r.exitCode == 1, "\(r.all)")
      #expect(r.stderr.contains("\(path):6:9: error: anthropic/claude-3-haiku was retired on "))
      #expect(r.stderr.contains("its successor is anthropic/claude-3-5-haiku"))
      // The successor is already the primary: the hint is to drop the hop, not to repeat it.
      #expect(
        r.stderr.contains(
          "its successor is already in the chain: remove this hop; write: models: [anthropic/claude-3-5-haiku]"
        ))

      let other = try emu.write(
        "version: 1\naliases:\n  fast: {models: [openai/gpt-4o-mini, groq/gemma2-9b-it]}\n", to: "other.yaml")
      let replaced = await emu.run(["validate", "-f", other, "--online", "--no-color"])
      #expect(replaced.exitCode == 1, "\(replaced.all)")
      #expect(replaced.stderr.contains("\(other):3:39: error: groq/gemma2-9b-it was retired on "))
      #expect(replaced.stderr.contains("write: - groq/llama-3.1-8b-instant"))
      #expect(
        replaced.stderr.contains("(in a flow list: models: [openai/gpt-4o-mini, groq/llama-3.1-8b-instant])"))
      #expect(r.stderr.contains("aliases.haiku.models[1]"))
    }
  }

  @Test func aHopRetiringWithinTheWindowIsAWarningAndTheWindowIsAFlag() async throws {
    try await EmulatorFixture.with { emu in
      // openai/o3 retires 10 days after the emulator's start.
      let path = try emu.write("version: 1\naliases:\n  reasoner: {models: [openai/o3, openai/o4-mini]}\n")
      let r = await emu.run(["validate", "-f", path, "--online", "--no-color"])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(r.stderr.contains("\(path):3:23: warning: openai/o3 retires on "))
      #expect(r.stderr.contains("(in 10 days); its successor is openai/gpt-5"))
      let narrow = await emu.run(["validate", "-f", path, "--online", "--retire-warn-days", "7"])
      #expect(narrow.exitCode == 0, "\(narrow.all)")
      #expect(!narrow.stderr.contains("retires on"))
    }
  }

  @Test func aFallbackWithoutThePrimarysToolsIsAWarning() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(
        "version: 1\naliases:\n  chat: {models: [openai/gpt-4o, groq/deepseek-r1-distill-llama-70b]}\n")
      let r = await emu.run(["validate", "-f", path, "--online", "--no-color"])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(
        r.stderr.contains("warning: fallback groq/deepseek-r1-distill-llama-70b lacks 'tools', 'vision'"))
      #expect(r.stderr.contains("the primary openai/gpt-4o has"))
    }
  }

  @Test func aDegradationAlreadyLiveIsNotRepeatedByEveryPlan() async throws {
    try await EmulatorFixture.with { emu in
      _ = try await emu.withClient { client in
        try await client.createAlias(
          AliasCreate(name: "chat", fallbackModels: ["openai/gpt-4o", "groq/deepseek-r1-distill-llama-70b"]))
      }
      let path = try emu.write(
        "version: 1\naliases:\n  chat: {description: new, models: [openai/gpt-4o, groq/deepseek-r1-distill-llama-70b]}\n"
      )
      let plan = await emu.run(["plan", "-f", path, "--no-color"])
      #expect(plan.exitCode == 0, "\(plan.all)")
      #expect(!plan.stderr.contains("lacks"))
      let moved = try emu.write(
        "version: 1\naliases:\n  chat: {models: [openai/gpt-4.1, groq/deepseek-r1-distill-llama-70b]}\n",
        to: "moved.yaml")
      let changed = await emu.run(["plan", "-f", moved, "--no-color"])
      #expect(changed.stderr.contains("warning: fallback groq/deepseek-r1-distill-llama-70b lacks 'tools'"))
    }
  }

  @Test func aSmallerContextWindowOnAFallbackIsAWarning() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(
        "version: 1\naliases:\n  long: {models: [gcp/gemini-2.5-pro, gcp/gemini-2.5-flash, openai/gpt-4o]}\n")
      let r = await emu.run(["validate", "-f", path, "--online", "--no-color"])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(r.stderr.contains("fallback openai/gpt-4o has a smaller context window (128000 tokens)"))
      #expect(!r.stderr.contains("fallback gcp/gemini-2.5-flash has a smaller"))
    }
  }

  @Test func aHopBlockedByPolicyIsAnError() async throws {
    try await EmulatorFixture.with(emulator: { config in
      config.policy = ModelPolicyRules(rules: [
        .init(pattern: try! Glob("xai/*"), blockedBy: "org", reason: "xAI is not approved for customer data")
      ])
    }) { emu in
      let path = try emu.write(
        "version: 1\naliases:\n  fast: {models: [openai/gpt-4o-mini, xai/grok-3-mini]}\n")
      let r = await emu.run(["validate", "-f", path, "--online", "--no-color"])
      #expect(r.exitCode == 1, "\(r.all)")
      #expect(r.stderr.contains("error: xai/grok-3-mini is blocked by org policy: xAI is not approved"))
      let plan = await emu.run(["plan", "-f", path])
      #expect(plan.exitCode == 1, "\(plan.all)")
    }
  }

  @Test func anUnrelatedChangeIsPlannedWhileAnOldChainHasARetiredHop() async throws {
    try await EmulatorFixture.with { emu in
      // The old chain was made before its second model retired: it is live as it is.
      _ = try await emu.withClient { client in
        try await client.createAlias(
          AliasCreate(name: "legacy", fallbackModels: ["aws/claude-sonnet-4-eu", "aws/claude-3-sonnet-eu"]))
      }
      let path = try emu.write(
        """
        version: 1
        aliases:
          legacy:
            models: [aws/claude-sonnet-4-eu, aws/claude-3-sonnet-eu]
          urgent:
            models: [openai/gpt-4o-mini]
        """)
      let plan = await emu.run(["plan", "-f", path, "--detailed-exitcode", "--no-color"])
      #expect(plan.exitCode == 2, "\(plan.all)")
      #expect(plan.stdout.contains("+ urgent"))
      #expect(plan.stderr.contains("\(path):4:38: warning: aws/claude-3-sonnet-eu was retired on "))
      #expect(plan.stderr.contains("not changed by this plan"))
      #expect(!plan.stderr.contains("error:"))

      // Adding the same retired model to a chain that does not have it yet is an error.
      let newPath = try emu.write(
        "version: 1\naliases:\n  urgent: {models: [openai/gpt-4o-mini, aws/claude-3-sonnet-eu]}\n",
        to: "new.yaml")
      let blocked = await emu.run(["plan", "-f", newPath])
      #expect(blocked.exitCode == 1, "\(blocked.all)")
      #expect(blocked.stderr.contains("error: aws/claude-3-sonnet-eu was retired on "))
    }
  }

  @Test func aCatalogThatCannotBeReadIsAWarningNotABlockedPlan() async throws {
    try await EmulatorFixture.with(faults: #"{"endpoints": {"GET /v3/models": {"status": 400}}}"#) { emu in
      let path = try emu.write("version: 1\naliases:\n  fast: {models: [openai/gpt-4o-mini]}\n")
      let plan = await emu.run(["plan", "-f", path, "--detailed-exitcode", "--no-color"])
      #expect(plan.exitCode == 2, "\(plan.all)")
      #expect(plan.stdout.contains("+ fast"))
      #expect(plan.stderr.contains("warning: the model catalog (GET /v3/models) could not be read"))
      let validate = await emu.run(["validate", "-f", path, "--online"])
      #expect(validate.exitCode == 0, "\(validate.all)")
      #expect(validate.stderr.contains("checks were skipped"))
    }
  }
}
