import Foundation
import OpalConfig
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Testing

@testable import OpalReconcile

/// Plan and apply against the real emulator over loopback sockets.
@Suite(.serialized) struct EmulatorIntegrationTests {
  /// Many quick retries: the load test below runs under 20 % faults.
  static func retrying(_ client: inout OpperClientConfiguration) {
    client.timeout = .seconds(30)  // the faults fail fast; a loaded machine can be slow
    client.retry = RetryPolicy(maxAttempts: 8, baseDelay: .milliseconds(5), maxDelay: .milliseconds(50))
  }

  static let chains = [
    ["openai/gpt-4o", "anthropic/claude-sonnet-4"], ["aws/claude-sonnet-4-eu", "gcp/claude-sonnet-4"],
    ["openai/gpt-4o-mini"],
  ]

  @Test func everyChangeKindThenPlanIsEmptyAndDriftIsSeen() async throws {
    try await withEmulator(configure: Self.retrying) { _, client in
      for (name, chain) in [("t/keep", 0), ("t/edit", 0), ("t/old", 1), ("t/gone", 2), ("other", 0)] {
        _ = try await client.createAlias(AliasCreate(name: name, fallbackModels: Self.chains[chain]))
      }
      let desired = Fixtures.state(
        [
          Fixtures.spec("t/keep", Self.chains[0]),
          Fixtures.spec("t/edit", Self.chains[0].reversed(), description: "edited"),
          Fixtures.spec("t/new-name", Self.chains[1], renamedFrom: ["t/old"]),
          Fixtures.spec("t/fresh", Self.chains[2]),
        ], prune: true, include: ["t/*"])
      let plan = Planner().plan(desired: desired, remote: try await client.listAliases())
      #expect(plan.counts == PlanCounts(create: 1, update: 1, rename: 1, delete: 1, unchanged: 1))
      let report = await Applier(api: client).apply(plan)
      #expect(report.isComplete, "\(ApplyReportRenderer().renderText(report))")
      let after = try await client.listAliases()
      #expect(!Planner().plan(desired: desired, remote: after).hasChanges)
      #expect(after.contains { $0.name == "other" })
      let renamed = try #require(after.first { $0.name == "t/new-name" })
      #expect(renamed.id == plan.changes(.rename).first?.id)

      // Drift behind the tool's back shows up, and a saved plan goes stale.
      let saved = Planner().plan(desired: desired, remote: after)
      _ = try await client.updateAlias(id: renamed.id, AliasUpdate(fallbackModels: ["openai/gpt-4o"]))
      let drifted = Planner().plan(desired: desired, remote: try await client.listAliases())
      #expect(drifted.counts.update == 1)
      #expect(
        StaleCheck(saved: saved, fresh: drifted).reasons == [
          "the remote changed since the plan: t/new-name (chain)"
        ])
    }
  }

  @Test func lostCreateResponsesAreNotDuplicated() async throws {
    try await withEmulator(configure: Self.retrying) { server, client in
      let faults = #"{"endpoints": {"POST /models/aliases": {"lose_response": true}}}"#
      await server.setFaults(try faultPlan(faults))
      let desired = Fixtures.state((0..<10).map { Fixtures.spec("lost/\($0)", Self.chains[$0 % 3]) })
      let report = await Applier(api: client).apply(Planner().plan(desired: desired, remote: []))
      #expect(report.isComplete, "\(ApplyReportRenderer().renderText(report))")
      await server.setFaults(FaultPlan())
      let remote = try await client.listAliases()
      #expect(remote.count == 10)
      #expect(!Planner().plan(desired: desired, remote: remote).hasChanges)
    }
  }

  @Test func fiveHundredAliasesUnderTwentyPercentFaultsConvergeInOneRun() async throws {
    try await withEmulator(configure: Self.retrying) { server, client in
      // Existing state: 40 aliases to update, rename or delete.
      for i in 0..<40 {
        _ = try await client.createAlias(AliasCreate(name: "load/\(i)", fallbackModels: Self.chains[0]))
      }
      var specs: [AliasSpec] = []
      for i in 0..<500 {
        let chain = Self.chains[i % 3]
        switch i {
        case 0..<10: specs.append(Fixtures.spec("load/\(i)", chain))  // some unchanged, some updated
        case 10..<20: specs.append(Fixtures.spec("load/renamed-\(i)", chain, renamedFrom: ["load/\(i)"]))
        default: specs.append(Fixtures.spec("load/new-\(i)", chain, description: i % 2 == 0 ? "n\(i)" : nil))
        }
      }  // load/20..<40 are no longer declared: pruned
      let desired = Fixtures.state(specs, prune: true, include: ["load/*"])
      let plan = Planner().plan(
        desired: desired, remote: try await client.listAliases(), options: PlanOptions(force: true))
      #expect(plan.counts.delete == 20 && plan.counts.rename == 10 && plan.counts.create == 480)

      let faults = """
        {"seed": 7, "endpoints": {
          "POST /models/aliases": [{"status": 503, "rate": 0.08}, {"status": 429, "rate": 0.04, "retry_after_s": 0},
                                   {"drop": true, "rate": 0.04}, {"lose_response": true, "rate": 0.04}],
          "PATCH /models/aliases/*": [{"status": 500, "rate": 0.1}, {"drop": true, "rate": 0.1}],
          "DELETE /models/aliases/*": [{"status": 502, "rate": 0.1}, {"drop": true, "rate": 0.1}]}}
        """
      await server.setFaults(try faultPlan(faults))
      await server.resetRequestCounts()
      let report = await Applier(api: client, options: ApplyOptions(parallelism: 16)).apply(plan)
      await server.setFaults(FaultPlan())
      let requests = await server.requestCounts()
      // The faults really fired: more POSTs than creates, and reads-by-name to resolve them.
      #expect((requests["POST /v2/models/aliases"] ?? 0) > 480)
      #expect(requests.keys.contains { $0.hasPrefix("GET /v2/models/aliases/by-name/") })
      #expect(report.isComplete, "\(ApplyReportRenderer().renderText(report))")

      let remote = try await client.listAliases().filter { $0.name.hasPrefix("load/") }
      #expect(Set(remote.map(\.name)).count == remote.count, "duplicates on the remote")
      #expect(remote.count == 500)
      let want = Dictionary(uniqueKeysWithValues: specs.map { ($0.name, AliasContent($0)) })
      let have = Dictionary(remote.map { ($0.name, AliasContent($0)) }) { a, _ in a }
      #expect(have == want)
      #expect(!Planner().plan(desired: desired, remote: remote).hasChanges)
    }
  }
}
