import Foundation
import OpperAPI
import Testing

/// SPEC §14: plan shows every hop's price per million tokens, and for an update how the
/// primary's price and the worst case (the dearest hop) move, in text, JSON and Markdown.
@Suite struct PlanPricingTests {
  @Test func aCreateShowsEveryHopsPrice() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(
        "version: 1\naliases:\n  fast: {models: [openai/gpt-4o-mini, gcp/gemini-2.5-flash]}\n")
      let r = await emu.run(["plan", "-f", path, "--no-color"])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(r.stdout.contains("openai/gpt-4o-mini  $0.15 in / $0.60 out"))
      #expect(r.stdout.contains("gcp/gemini-2.5-flash  $0.30 in / $2.50 out"))
      #expect(r.stdout.contains("USD per million tokens"))
    }
  }

  @Test func anUpdateShowsHowThePrimaryAndTheWorstCaseMove() async throws {
    try await EmulatorFixture.with { emu in
      _ = try await emu.withClient { client in
        try await client.createAlias(
          AliasCreate(name: "main", fallbackModels: ["openai/gpt-4o", "openai/gpt-4o-mini"]))
      }
      let path = try emu.write(
        "version: 1\naliases:\n  main: {models: [anthropic/claude-sonnet-4, anthropic/claude-opus-4]}\n")
      let text = await emu.run(["plan", "-f", path, "--no-color"])
      #expect(text.exitCode == 0, "\(text.all)")
      #expect(
        text.stdout.contains(
          "primary price: openai/gpt-4o $2.50 in / $10.00 out → anthropic/claude-sonnet-4 $3.00 in / $15.00 out"
        ))
      #expect(
        text.stdout.contains(
          "worst case: openai/gpt-4o $2.50 in / $10.00 out → anthropic/claude-opus-4 $15.00 in / $75.00 out"))

      let json = await emu.run(["plan", "-f", path, "--format", "json"])
      #expect(json.exitCode == 0, "\(json.all)")
      let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
      let change = try #require((doc?["changes"] as? [[String: Any]])?.first)
      let pricing = try #require(change["pricing"] as? [String: Any])
      #expect(pricing["unit"] as? String == "USD per million tokens")
      let after = try #require(pricing["after"] as? [[String: Any]])
      #expect(
        after.map { $0["model"] as? String } == ["anthropic/claude-sonnet-4", "anthropic/claude-opus-4"])
      #expect(after.map { $0["output"] as? Double } == [15, 75])
      let worst = try #require(pricing["worst_case"] as? [String: Any])
      #expect((worst["old"] as? [String: Any])?["model"] as? String == "openai/gpt-4o")
      #expect((worst["new"] as? [String: Any])?["input"] as? Double == 15)

      let markdown = await emu.run(["plan", "-f", path, "--format", "markdown"])
      #expect(markdown.stdout.contains("anthropic/claude-opus-4   ($15.00 in / $75.00 out)"))
      #expect(markdown.stdout.contains("Worst case (dearest hop)"))
    }
  }
}
