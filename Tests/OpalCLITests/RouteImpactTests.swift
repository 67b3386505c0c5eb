import Foundation
import OpalCore
import OpperAPI
import Testing

/// `opal impact` judges dynamic routes beside aliases: a route per fallback branch of its graph,
/// because a request the split sends down a dead branch fails even while the other answers.
@Suite struct RouteImpactTests {
  static let config = """
    version: 1
    aliases:
      fast: {models: [openai/gpt-4o-mini]}
    routes:
      support:
        models: [anthropic/claude-sonnet-4, openai/gpt-4o]
      triage:
        graph:
          elements:
            - {id: START, type: start, outputs: {next: {elementId: split}}}
            - id: split
              type: percentage
              properties: {buckets: {a: 90, b: 10}}
              outputs: {a: {elementId: a1}, b: {elementId: b1}}
            - id: a1
              type: model
              properties: {model: openai/gpt-4o-mini}
              outputs: {success: {elementId: END}, fallback: {elementId: a2}}
            - id: a2
              type: model
              properties: {model: anthropic/claude-3-5-haiku}
              outputs: {success: {elementId: END}, fallback: {elementId: END}}
            - id: b1
              type: model
              properties: {model: anthropic/claude-sonnet-4}
              outputs: {success: {elementId: END}, fallback: {elementId: END}}
            - {id: END, type: end, outputs: {}}
    """

  @Test func aDeadBranchOfASplitRouteIsAChainWithNoHopLeft() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(Self.config, to: "opal.yaml", in: dir)
    let r = await CLIHarness().run(["impact", "--down", "anthropic", "-f", path, "--no-color"])
    #expect(r.exitCode == 1, "the 10 % branch has no model left: \(r.all)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.contains("✗ dynamic/triage branch 2  no hop left (down: anthropic/claude-sonnet-4)"),
      "\(r.stdout)")
    #expect(lines.contains("~ dynamic/support  1 of 2 hops left: openai/gpt-4o"), "\(r.stdout)")
    #expect(lines.contains("~ dynamic/triage branch 1  1 of 2 hops left: openai/gpt-4o-mini"), "\(r.stdout)")
    #expect(lines.contains("  fast  unaffected"), "\(r.stdout)")
    #expect(r.stdout.contains("1 of 4 chains left with no model, 2 degraded"), "\(r.stdout)")

    let json = await CLIHarness().run(["impact", "--down", "openai", "-f", path, "--format", "json"])
    #expect(json.exitCode == 1, "fast has no hop left: \(json.all)")
    let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let chains = try #require(doc["chains"] as? [[String: Any]])
    let triage = chains.filter { $0["name"] as? String == "triage" }
    #expect(triage.map { $0["branch"] as? Int } == [1, 2], "\(triage)")
    #expect(triage.allSatisfy { $0["kind"] as? String == "route" && $0["line"] as? Int == 7 }, "\(triage)")
    #expect(chains.first { $0["name"] as? String == "support" }?["branch"] is NSNull)
  }

  @Test func liveJudgesTheRoutesActiveVersionsWithAManagementKey() async throws {
    try await RouteFixture.with { f in
      let deployed = try f.write(
        "version: 1\nroutes:\n  claude-only: {models: [anthropic/claude-sonnet-4, anthropic/claude-opus-4]}\n"
      )
      #expect(await f.run(["apply", "-f", deployed, "--auto-approve"]).exitCode == 0)
      // The config now says otherwise; --live judges what is deployed, not the file.
      _ = try f.write("version: 1\nroutes:\n  claude-only: {models: [openai/gpt-4o]}\n")
      let r = await f.run(["impact", "--live", "--down", "anthropic", "--no-color"])
      #expect(r.exitCode == 1, "\(r.all)")
      #expect(
        r.stdout.contains(
          "✗ dynamic/claude-only  no hop left (down: anthropic/claude-sonnet-4, anthropic/claude-opus-4)"),
        "\(r.stdout)")
    }
  }
}
