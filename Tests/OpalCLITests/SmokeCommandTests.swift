import Foundation
import FoundationXML
import Testing

/// SPEC §7 / issue 5 "done when": with sonnet4's first model down, smoke passes through the
/// fallback and says so; --each-hop fails naming the dead hop; the JUnit file holds the failure.
@Suite struct SmokeCommandTests {
  static let config = """
    version: 1
    aliases:
      sonnet4:
        models: [aws/claude-sonnet-4-eu, anthropic/claude-sonnet-4, gcp/claude-sonnet-4]
        smoke:
          - name: summarize
            instructions: Summarize the following text
            input: {text: "Opper routes each call to the first model that answers."}
            expect: {contains: Opper, served_by: any}
    """

  @Test func fallbackServesAndEachHopNamesTheDeadHop() async throws {
    try await EmulatorFixture.with(
      faults: #"{"models": {"aws/claude-sonnet-4-eu": {"status": 503}}}"#
    ) { emu in
      let path = try emu.write(Self.config)
      #expect(await emu.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)

      let smoke = await emu.run(["smoke", "-f", path, "--no-color"])
      #expect(smoke.exitCode == 0, "\(smoke.all)")
      #expect(smoke.stdout.contains("anthropic/claude-sonnet-4"))
      #expect(smoke.stdout.contains("aws/claude-sonnet-4-eu"))

      let junit = emu.directory.appendingPathComponent("smoke.xml").path
      let hops = await emu.run(["smoke", "-f", path, "--each-hop", "--junit", junit, "--no-color"])
      #expect(hops.exitCode == 1, "\(hops.all)")
      #expect(hops.stdout.contains("aws/claude-sonnet-4-eu"))

      let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: junit))
      let failures = try xml.nodes(forXPath: "//testcase/failure")
      #expect(failures.count == 1)
      let failed = try xml.nodes(forXPath: "//testcase[failure]").first as? XMLElement
      #expect(failed?.attribute(forName: "name")?.stringValue?.contains("aws/claude-sonnet-4-eu") == true)
    }
  }

  @Test func jsonReportAndAliasFilter() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config + "\n  other:\n    models: [openai/gpt-4o]\n")
      #expect(await emu.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      let r = await emu.run(["smoke", "-f", path, "--alias", "sonnet*", "--format", "json"])
      #expect(r.exitCode == 0, "\(r.all)")
      let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
      let aliases = doc?["aliases"] as? [[String: Any]]
      #expect(aliases?.count == 1)
      let none = await emu.run(["smoke", "-f", path, "--alias", "nothing-*"])
      #expect(none.exitCode == 1)
      #expect(none.stderr.contains("matches no alias"))
    }
  }
}
