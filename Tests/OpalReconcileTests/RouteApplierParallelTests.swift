import Foundation
import OpalConfig
import OpalCore
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Synchronization
import Testing

@testable import OpalReconcile

/// The route applier works on up to `parallelism` routes at once (SPEC §16's route apply row),
/// never more, keeps each route's steps in order and reports in plan order; against the
/// emulator over real sockets, with a gate in front of `PUT …/draft` that holds each draft
/// until `parallelism` of them are in flight together (a serial applier never gets there).
@Suite struct RouteApplierParallelTests {
  static let key = "route-parallel-key"
  static let managementKey = "route-parallel-management-key"

  /// The real client, with `updateDraft` held at a gate that counts drafts in flight.
  final class GatedRoutes: DynamicRoutesAPI {
    let inner: DynamicRoutesClient
    let gate: Int
    /// (in flight, most at once, started)
    let counts = Mutex((0, 0, 0))

    init(inner: DynamicRoutesClient, gate: Int) {
      self.inner = inner
      self.gate = gate
    }

    func updateDraft(name: String, _ body: RouteDraftUpdate) async throws(OpperAPIError) -> RouteDetailAnswer
    {
      counts.withLock { c in
        c.0 += 1
        c.1 = max(c.1, c.0)
        c.2 += 1
      }
      let deadline = ContinuousClock.now + .seconds(5)
      while counts.withLock({ $0.2 }) < gate, ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(2))
      }
      do {
        let answer = try await inner.updateDraft(name: name, body)
        counts.withLock { $0.0 -= 1 }
        return answer
      } catch {
        counts.withLock { $0.0 -= 1 }
        throw error
      }
    }

    func listRoutes() async throws(OpperAPIError) -> [RouteSummary] { try await inner.listRoutes() }
    func route(named name: String) async throws(OpperAPIError) -> RouteDetailAnswer? {
      try await inner.route(named: name)
    }
    func createRoute(_ body: RouteCreate) async throws(OpperAPIError) -> RouteDetailAnswer {
      try await inner.createRoute(body)
    }
    func deploy(name: String, _ body: RouteDeployment) async throws(OpperAPIError) -> RouteDetailAnswer {
      try await inner.deploy(name: name, body)
    }
    func deploymentReceipt(name: String, idempotencyKey: String) async throws(OpperAPIError)
      -> RouteDetailAnswer?
    {
      try await inner.deploymentReceipt(name: name, idempotencyKey: idempotencyKey)
    }
    func undeploy(name: String, _ body: RouteUndeploy) async throws(OpperAPIError) -> RouteDetailAnswer {
      try await inner.undeploy(name: name, body)
    }
    func simulate(name: String, _ body: RouteSimulationRequest) async throws(OpperAPIError) -> RouteSimulation
    {
      try await inner.simulate(name: name, body)
    }
    func versions(name: String) async throws(OpperAPIError) -> [RouteVersionSummary] {
      try await inner.versions(name: name)
    }
    func version(name: String, number: Int) async throws(OpperAPIError) -> RouteVersionDetail? {
      try await inner.version(name: name, number: number)
    }
    func rollback(name: String, to number: Int, note: String?) async throws(OpperAPIError)
      -> RouteDetailAnswer
    {
      try await inner.rollback(name: name, to: number, note: note)
    }
    func restoreToDraft(name: String, version number: Int) async throws(OpperAPIError) -> RouteDetailAnswer {
      try await inner.restoreToDraft(name: name, version: number)
    }
    func deleteRoute(name: String) async throws(OpperAPIError) { try await inner.deleteRoute(name: name) }
  }

  @Test func routesAreAppliedUpToParallelismAtOnceAndReportedInPlanOrder() async throws {
    let configuration = EmulatorConfiguration(apiKey: Self.key, managementKey: Self.managementKey)
    try await withEmulator(configuration: configuration) { _, client in
      let routes = DynamicRoutesClient(
        base: client.configuration, managementKey: Self.managementKey, projectKey: Self.key)
      let names = (0..<7).map { "r\($0)" }
      for name in names {
        _ = try await routes.createRoute(
          RouteCreate(name: name, graph: RouteChain.graph(["openai/gpt-4o"]), deploy: true))
      }
      let desired = DesiredState(
        routes: names.map {
          RouteSpec(name: $0, body: .chain(["anthropic/claude-sonnet-4", "openai/gpt-4o"]))
        })
      let remote = try await RemoteRoute.readAll(from: routes)
      let plan = RoutePlanner().plan(desired: desired, remote: remote)
      #expect(plan.changes.map(\.action) == Array(repeating: .update, count: names.count))

      let gated = GatedRoutes(inner: routes, gate: 3)
      let results = await RouteApplier(api: gated, parallelism: 3).apply(
        plan, fingerprint: "f", diagnostics: DiagnosticList())
      let (inFlight, most, started) = gated.counts.withLock { $0 }
      #expect(most == 3, "drafts in flight at once: \(most) (parallelism 3)")
      #expect(inFlight == 0 && started == names.count)
      #expect(results.map(\.name) == plan.changes.map(\.name))
      #expect(results.allSatisfy { $0.outcome == .deployed }, "\(results)")
      for name in names {
        #expect(try await routes.versions(name: name).count == 2, "\(name): exactly one new version")
      }
      await routes.shutdown()
    }
  }
}
