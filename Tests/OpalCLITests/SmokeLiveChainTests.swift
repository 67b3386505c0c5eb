import Foundation
import OpalTestSupport
import OpperAPI
import Testing

/// Smoke judges the chain that is live (issue 12 §9): first/fallback and `--each-hop` against the
/// remote's chain, a warning where it differs from the file, and `--alias` reaching undeclared
/// remote aliases.
@Suite struct SmokeLiveChainTests {
  static let config = """
    version: 1
    aliases:
      a:
        models: [openai/gpt-4o, anthropic/claude-sonnet-4]
        smoke:
          - {name: first, expect: {served_by: first}}
    """

  @Test func aChainChangedBehindOpalsBackIsJudgedAsItIsLive() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      #expect(await emu.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      let alias = try #require(try await emu.client.alias(named: "a"))
      _ = try await emu.client.updateAlias(
        id: alias.id, AliasUpdate(fallbackModels: ["anthropic/claude-sonnet-4", "openai/gpt-4o"]))
      let result = await emu.run(["smoke", "-f", path, "--format", "json"])
      // Before: `served_by: first` was judged against the file's first model and failed.
      #expect(result.exitCode == 0, "\(result.all)")
      #expect(result.stderr.contains("differs from the file"), "\(result.stderr)")
      let report = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let aliases = try #require(report["aliases"] as? [[String: Any]])
      #expect(aliases.first?["chain"] as? [String] == ["anthropic/claude-sonnet-4", "openai/gpt-4o"])
    }
  }

  /// `--format markdown` is the report as a pull-request comment on stdout, the fallback that
  /// served named with what failed first; the exit code still says whether it passed.
  @Test func markdownReportNamesTheFallbackThatServed() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(
        """
        version: 1
        aliases:
          a:
            models: [openai/gpt-4o, anthropic/claude-sonnet-4]
        """)
      #expect(await emu.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      await emu.server.setFaults(try faultPlan(#"{"models": {"openai/gpt-4o": {"status": 503}}}"#))
      let result = await emu.run(["smoke", "-f", path, "--format", "markdown"])
      #expect(result.exitCode == 0, "\(result.all)")
      #expect(result.stdout.hasPrefix("### opal smoke: PASS"), "\(result.stdout)")
      #expect(
        result.stdout.contains(
          "| `a` | default | anthropic/claude-sonnet-4 (fallback: openai/gpt-4o 503) |"),
        "\(result.stdout)")
    }
  }

  @Test func anAliasThatIsNotLiveIsSaidToBe() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      let result = await emu.run(["smoke", "-f", path])
      #expect(result.exitCode == 1)
      #expect(result.stderr.contains("does not exist on the remote"), "\(result.stderr)")
    }
  }

  @Test func aliasCanSmokeAnUndeclaredRemoteAlias() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      _ = try await emu.client.createAlias(
        AliasCreate(name: "console/made", fallbackModels: ["openai/gpt-4o"]))
      let result = await emu.run(["smoke", "-f", path, "--alias", "console/*"])
      #expect(result.exitCode == 0, "\(result.all)")
      #expect(result.stdout.contains("console/made"), "\(result.stdout)")
    }
  }
}
