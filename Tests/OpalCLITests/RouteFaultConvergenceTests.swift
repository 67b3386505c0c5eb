import Foundation
import OpalConfig
import OpalCore
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Testing

/// SPEC §11/§13: one `opal apply` of 200 routes converges while a fifth of the management
/// requests fail (5XX, 429, dropped connections, work done and the answer lost), and no route
/// gets a second version: a create whose answer was lost is found by name, a retried deploy
/// reuses its idempotency key. Checked by the emulator's version lists, over real sockets.
@Suite struct RouteFaultConvergenceTests {
  static let existing = 150
  static let created = 50
  /// Of the existing routes, these keep their graph (no new version).
  static func isUnchanged(_ i: Int) -> Bool { i % 5 == 0 }

  static let faults = """
    {"seed": 14, "endpoints": {"* /dynamic-routes*": [
      {"status": 503, "rate": 0.09},
      {"status": 429, "rate": 0.04},
      {"drop": true, "rate": 0.04},
      {"lose_response": true, "rate": 0.05}
    ]}}
    """

  static func name(_ i: Int) -> String { "bulk-r\(i)" }

  @Test func twoHundredRoutesConvergeInOneRunWithOneVersionEach() async throws {
    try await RouteFixture.with { f in
      let old = ["openai/gpt-4o", "openai/gpt-4o-mini"]
      for i in 0..<Self.existing {
        _ = try await f.routes.createRoute(
          RouteCreate(name: Self.name(i), graph: RouteChain.graph(old), deploy: true))
      }
      var config = "version: 1\nroutes:\n"
      for i in 0..<(Self.existing + Self.created) {
        let models =
          i < Self.existing && Self.isUnchanged(i) ? old : ["anthropic/claude-sonnet-4", "openai/gpt-4o"]
        config += "  \(Self.name(i)): {models: [\(models.joined(separator: ", "))]}\n"
      }
      let path = try f.write(config)
      await f.server.setFaults(try faultPlan(Self.faults))

      let apply = await f.run(["apply", "-f", path, "--auto-approve", "--format", "json"])
      #expect(apply.exitCode == 0, "\(apply.stderr.suffix(3000))")
      let fired = await f.server.faultCounts()
      for kind in ["status 503", "status 429", "drop", "lose_response"] {
        #expect(fired[kind, default: 0] > 0, "no \(kind) fired: \(fired)")
      }
      let report = try JSONDecoder().decode(JSONValue.self, from: Data(apply.stdout.utf8))
      let outcomes = (report["routes"]?.arrayValue ?? []).compactMap { $0["outcome"]?.stringValue }
      let changed = Self.existing - (0..<Self.existing).count(where: Self.isUnchanged) + Self.created
      #expect(outcomes.count == changed)
      #expect(
        outcomes.allSatisfy { $0 == "deployed" },
        "\(Dictionary(grouping: outcomes) { $0 }.mapValues(\.count))")

      await f.server.setFaults(FaultPlan())
      let new = ["anthropic/claude-sonnet-4", "openai/gpt-4o"]
      for i in 0..<(Self.existing + Self.created) {
        let versions = try await f.routes.versions(name: Self.name(i)).map(\.versionNumber)
        let unchanged = i < Self.existing && Self.isUnchanged(i)
        let expected = i >= Self.existing ? [1] : unchanged ? [1] : [2, 1]
        #expect(versions == expected, "\(Self.name(i)): versions \(versions)")
        let live = try await f.routes.route(named: Self.name(i))?.detail.activeVersionNumber
        #expect(live == expected.first, "\(Self.name(i))")
        if !unchanged {
          let graph = try await f.routes.version(name: Self.name(i), number: expected[0])?.graph
          #expect(graph.flatMap(RouteChain.models(of:)) == new, "\(Self.name(i))")
        }
      }
      let again = await f.run(["plan", "-f", path, "--detailed-exitcode"])
      #expect(again.exitCode == 0, "\(again.all.suffix(2000))")
    }
  }
}
