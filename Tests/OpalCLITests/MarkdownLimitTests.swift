import Foundation
import OpperAPI
import Testing

/// SPEC §12 item 5: Markdown kept under GitHub's limit never hides a delete, a rename or a
/// refusal, and still names what it cuts.
@Suite struct MarkdownLimitTests {
  @Test func bigPlanKeepsDeletesAndRenamesAndNamesWhatIsCut() async throws {
    try await EmulatorFixture.with { emu in
      _ = try await emu.withClient { client in
        _ = try await client.createAlias(AliasCreate(name: "team/zz-old", fallbackModels: ["openai/gpt-4o"]))
        _ = try await client.createAlias(
          AliasCreate(name: "team/zz-before", fallbackModels: ["openai/gpt-4o"]))
      }
      var config = "version: 1\nscope: {include: [\"team/*\"]}\nprune: true\naliases:\n"
      config += "  team/zz-new:\n    models: [openai/gpt-4o]\n    renamed_from: team/zz-before\n"
      for i in 0..<1500 {
        config +=
          "  team/alias-\(i):\n    description: \"\(String(repeating: "long description ", count: 4))\"\n"
        config += "    models: [openai/gpt-4o, anthropic/claude-sonnet-4]\n"
      }
      let path = try emu.write(config)
      let r = await emu.run(["plan", "-f", path, "--format", "markdown"])
      #expect(r.exitCode == 0, "\(r.stderr)")
      let md = r.stdout
      #expect(md.count < 65_000)
      let delete = try #require(md.range(of: "#### - `team/zz-old` (delete)"))
      let rename = try #require(md.range(of: "#### → `team/zz-before → team/zz-new` (rename)"))
      let firstCreate = try #require(md.range(of: "#### + "))
      #expect(delete.lowerBound < firstCreate.lowerBound && rename.lowerBound < firstCreate.lowerBound)
      #expect(md.contains(" more changes not shown here"))
      // Every create is either shown or named in the cut line.
      for i in 0..<1500 { #expect(md.contains("`team/alias-\(i)`"), "team/alias-\(i) is hidden") }
    }
  }
}
