import Foundation
import OpperAPI
import Testing

/// SPEC §12 item 2, through the CLI: the chain diff a reviewer reads.
@Suite struct ChainDiffOutputTests {
  @Test func planLeadsWithThePrimaryAndShowsRealPositionsInTextMarkdownAndJSON() async throws {
    try await EmulatorFixture.with { emu in
      _ = try await emu.withClient { client in
        try await client.createAlias(
          AliasCreate(
            name: "s", fallbackModels: ["openai/gpt-4o", "anthropic/claude-sonnet-4", "gcp/claude-sonnet-4"]))
      }
      // Reversed: gpt-4o and gcp swap ends, anthropic stays second.
      let path = try emu.write(
        "version: 1\naliases:\n  s:\n    models: [gcp/claude-sonnet-4, anthropic/claude-sonnet-4, openai/gpt-4o]\n"
      )
      let text = await emu.run(["plan", "-f", path, "--no-color"])
      #expect(text.exitCode == 0, "\(text.all)")
      #expect(text.stdout.contains("    primary: openai/gpt-4o → gcp/claude-sonnet-4\n"), "\(text.stdout)")
      #expect(text.stdout.contains("(moved 3 → 1)") && text.stdout.contains("(moved 1 → 3)"))
      #expect(!text.stdout.contains("moved 2 → 2"), "\(text.stdout)")
      // The hop that kept its place carries no position mark (its price may follow it).
      #expect(text.stdout.contains("        anthropic/claude-sonnet-4"))
      #expect(!text.stdout.contains("anthropic/claude-sonnet-4 ("), "\(text.stdout)")

      let md = await emu.run(["plan", "-f", path, "--format", "markdown"])
      #expect(md.stdout.contains("! primary: openai/gpt-4o → gcp/claude-sonnet-4"), "\(md.stdout)")
      #expect(!md.stdout.contains("moved 2 → 2"))

      let json = await emu.run(["plan", "-f", path, "--format", "json"])
      let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
      let change = try #require((doc["changes"] as? [[String: Any]])?.first)
      let primary = try #require(change["primary"] as? [String: Any])
      #expect(
        primary["old"] as? String == "openai/gpt-4o" && primary["new"] as? String == "gcp/claude-sonnet-4")
      let hops = try #require(change["chain"] as? [[String: Any]])
      let middle = try #require(hops.first { $0["model"] as? String == "anthropic/claude-sonnet-4" })
      #expect(middle["mark"] as? String == "kept" && middle["position_changed"] as? Bool == false)
    }
  }

  @Test func addedAndRemovedHopsAreMarkedWithTheirPositions() async throws {
    try await EmulatorFixture.with { emu in
      _ = try await emu.withClient { client in
        try await client.createAlias(
          AliasCreate(name: "s", fallbackModels: ["openai/gpt-4o", "anthropic/claude-sonnet-4"]))
      }
      let path = try emu.write(
        "version: 1\naliases:\n  s:\n    models: [anthropic/claude-sonnet-4, gcp/claude-sonnet-4]\n")
      let text = await emu.run(["plan", "-f", path, "--no-color"])
      #expect(text.stdout.contains("primary: openai/gpt-4o → anthropic/claude-sonnet-4"), "\(text.stdout)")
      #expect(text.stdout.contains("- openai/gpt-4o (removed from 1)"), "\(text.stdout)")
      #expect(text.stdout.contains("anthropic/claude-sonnet-4 (2 → 1)"), "\(text.stdout)")
      #expect(text.stdout.contains("+ gcp/claude-sonnet-4 (added at 2)"), "\(text.stdout)")
    }
  }
}
