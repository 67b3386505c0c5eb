import Foundation
import OpalCore
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Testing

/// Every management endpoint of opper-routes-api.md §2, through `DynamicRoutesClient` and the
/// emulator over real sockets.
@Suite struct DynamicRoutesClientTests {
  let chain = ["anthropic/claude-sonnet-4", "openai/gpt-4o", "openai/gpt-4o-mini"]

  @Test func createIsADraftThenAGuardedDeployMakesVersionOne() async throws {
    try await withRoutes { server, routes, _ in
      let created = try await routes.createRoute(
        RouteCreate(name: "support", graph: chainGraph(chain), description: "EU first"))
      #expect(created.detail.route.name == "support")
      #expect(created.detail.activeVersionNumber == 0)
      #expect(created.detail.draftRevision == 1)
      #expect(created.detail.route.invocationModel == "dynamic/support")
      #expect(created.issues.filter(\.isError).isEmpty)
      let listed = try await routes.listRoutes()
      #expect(listed.map(\.name) == ["support"])
      #expect(listed.first?.draftDirty == true)
      #expect(listed.first?.activeVersion == 0)

      let deployed = try await routes.deployCurrent("support", key: "k-1", note: "first")
      #expect(deployed.meta.deployedVersion?.versionNumber == 1)
      #expect(deployed.meta.idempotencyReplayed == false)
      #expect(deployed.detail.activeVersionNumber == 1)
      let versions = try await routes.versions(name: "support")
      #expect(versions.map(\.versionNumber) == [1])
      #expect(versions.first?.note == "first")
      let version = try await routes.version(name: "support", number: 1)
      #expect(version?.graph == chainGraph(chain))
      #expect(try await routes.version(name: "support", number: 9) == nil)
      let receipt = try await routes.deploymentReceipt(name: "support", idempotencyKey: "k-1")
      #expect(receipt?.meta.deployedVersion?.versionNumber == 1)
      #expect(try await routes.deploymentReceipt(name: "support", idempotencyKey: "other") == nil)
      #expect(try await routes.listRoutes().first?.draftDirty == false)
      #expect(await seenExactly(server, "POST /management/v1/dynamic-routes/support/deployments") == 1)
    }
  }

  @Test func aStaleGuardedDeployIsRefusedWith409() async throws {
    try await withRoutes { _, routes, _ in
      let created = try await routes.createRoute(RouteCreate(name: "r", graph: chainGraph(chain)))
      _ = try await routes.deployCurrent("r", key: "behind-our-back")
      let stale = RouteDeployment(
        expectedRouteUUID: created.detail.route.uuid, expectedDraftRevision: 1,
        expectedActiveVersionNumber: 0,
        idempotencyKey: "plan-key")
      let error = await #expect(throws: OpperAPIError.self) { try await routes.deploy(name: "r", stale) }
      #expect(error?.status == 409)
      #expect("\(error!)".contains("active version is 1"))
      #expect(try await routes.versions(name: "r").count == 1)
    }
  }

  @Test func aLostDeployAnswerIsRetriedAndReplayedOneVersionNotTwo() async throws {
    let faults =
      #"{"endpoints": {"POST /dynamic-routes/*/deployments": {"lose_response": true, "consecutive": 1}}}"#
    try await withRoutes(faults: faults) { server, routes, _ in
      _ = try await routes.createRoute(RouteCreate(name: "r", graph: chainGraph(chain)))
      let answer = try await routes.deployCurrent("r", key: "fp-r")
      #expect(answer.meta.idempotencyReplayed == true)
      #expect(answer.meta.deployedVersion?.versionNumber == 1)
      #expect(try await routes.versions(name: "r").map(\.versionNumber) == [1])
      #expect(await server.faultCounts()["lose_response"] == 1)
      #expect(await seenExactly(server, "POST /management/v1/dynamic-routes/r/deployments") == 2)
    }
  }

  @Test func aDraftWithErrorsIsSavedWithIssuesAndCannotBeDeployed() async throws {
    let broken = graph(
      #"""
      {"elements": [
        {"id": "START", "type": "start", "outputs": {"next": {"elementId": "m1"}}},
        {"id": "m1", "type": "model", "properties": {"model": "no/such-model"},
         "outputs": {"success": {"elementId": "m2"}}},
        {"id": "m2", "type": "model", "properties": {"model": "openai/gpt-4o"},
         "outputs": {"success": {"elementId": "END"}, "fallback": {"elementId": "GONE"}}},
        {"id": "END", "type": "end", "outputs": {}}]}
      """#)
    try await withRoutes { _, routes, _ in
      let created = try await routes.createRoute(RouteCreate(name: "bad", graph: broken))
      let codes = Set(created.issues.filter(\.isError).map(\.code))
      #expect(
        codes.isSuperset(of: ["unknown_model", "missing_fallback", "success_target", "unknown_target"]))
      #expect(created.issues.first { $0.code == "missing_fallback" }?.node == "m1")
      #expect(created.issues.first { $0.code == "missing_fallback" }?.field == "outputs.fallback")
      let error = await #expect(throws: OpperAPIError.self) {
        try await routes.deployCurrent("bad", key: "k")
      }
      #expect(error?.status == 422)
      #expect(try await routes.versions(name: "bad").isEmpty)
      let notAGraph = await #expect(throws: OpperAPIError.self) {
        try await routes.updateDraft(name: "bad", RouteDraftUpdate(graph: .string("nope")))
      }
      #expect(notAGraph?.status == 400)
    }
  }

  @Test func simulateWalksTheDraftWithOverrides() async throws {
    try await withRoutes { _, routes, _ in
      _ = try await routes.createRoute(RouteCreate(name: "r", graph: chainGraph(chain)))
      let plain = try await routes.simulate(name: "r", RouteSimulationRequest())
      #expect(plain.answeredBy == "m1")
      let forced = try await routes.simulate(name: "r", .modelOutcomes(["m1": "fallback"]))
      #expect(forced.answeredBy == "m2")
      #expect(forced.path.map(\.nodeId) == ["m1", "m2"])
      #expect(forced.model == "openai/gpt-4o")
      let none = try await routes.simulate(
        name: "r", .modelOutcomes(["m1": "fallback", "m2": "fallback", "m3": "fallback"]))
      #expect(none.answeredBy == nil)
      #expect(none.status == "exhausted")
      let noVersion = await #expect(throws: OpperAPIError.self) {
        try await routes.simulate(name: "r", RouteSimulationRequest(versionNumber: 0))
      }
      #expect(noVersion?.status == 422)
    }
  }

  @Test func rollbackIsANewVersionAndRestoreUndeployDeleteWork() async throws {
    try await withRoutes { _, routes, _ in
      let created = try await routes.createRoute(RouteCreate(name: "r", graph: chainGraph(chain)))
      _ = try await routes.deployCurrent("r", key: "v1")
      _ = try await routes.updateDraft(name: "r", RouteDraftUpdate(graph: chainGraph(["openai/gpt-4o"])))
      _ = try await routes.deployCurrent("r", key: "v2")
      let rolled = try await routes.rollback(name: "r", to: 1, note: "back")
      #expect(rolled.meta.deployedVersion?.versionNumber == 3)
      #expect(try await routes.version(name: "r", number: 3)?.graph == chainGraph(chain))
      #expect(rolled.detail.draft?.graph == chainGraph(["openai/gpt-4o"]))  // draft left as it is
      #expect(try await routes.versions(name: "r").map(\.versionNumber) == [3, 2, 1])

      let restored = try await routes.restoreToDraft(name: "r", version: 1)
      #expect(restored.detail.draft?.graph == chainGraph(chain))

      let undeployed = try await routes.undeploy(name: "r", RouteUndeploy(expectedActiveVersionNumber: 3))
      #expect(undeployed.detail.activeVersionNumber == 0)
      let stale = await #expect(throws: OpperAPIError.self) {
        try await routes.undeploy(name: "r", RouteUndeploy(expectedActiveVersionNumber: 3))
      }
      #expect(stale?.status == 409)

      try await routes.deleteRoute(name: "r")
      #expect(try await routes.route(named: "r") == nil)
      let again = try await routes.createRoute(RouteCreate(name: "r", graph: chainGraph(chain)))
      #expect(again.detail.route.uuid != created.detail.route.uuid)
      #expect(again.detail.versionCount == 0)
    }
  }

  @Test func unknownNodeTypesRoundTripUntouched() async throws {
    let odd = graph(
      #"""
      {"elements": [
        {"id": "START", "type": "start", "outputs": {"next": {"elementId": "split"}}},
        {"id": "split", "type": "percentage", "properties": {"buckets": {"a": 90, "b": 10}, "x": [1, null, true]},
         "outputs": {"a": {"elementId": "a1"}, "b": {"elementId": "b1"}}},
        {"id": "a1", "type": "model", "properties": {"model": "openai/gpt-4o"},
         "outputs": {"success": {"elementId": "END"}, "fallback": {"elementId": "END"}}},
        {"id": "b1", "type": "model", "properties": {"model": "openai/gpt-4o-mini"},
         "outputs": {"success": {"elementId": "END"}, "fallback": {"elementId": "END"}}},
        {"id": "END", "type": "end", "outputs": {}}]}
      """#)
    try await withRoutes { _, routes, _ in
      _ = try await routes.createRoute(RouteCreate(name: "split", graph: odd))
      _ = try await routes.deployCurrent("split", key: "k")
      #expect(try await routes.route(named: "split")?.detail.draft?.graph == odd)
      #expect(try await routes.version(name: "split", number: 1)?.graph == odd)
      let b = try await routes.simulate(
        name: "split",
        RouteSimulationRequest(overrides: .object(["percentage_buckets": .object(["split": .string("b")])])))
      #expect(b.answeredBy == "b1")
    }
  }

  @Test func theProjectKeyIsRefusedWith403ThatExplainsItself() async throws {
    try await withRoutes { _, _, client in
      let wrong = DynamicRoutesClient(base: client.configuration, managementKey: testKey)
      let error = await #expect(throws: OpperAPIError.self) { try await wrong.listRoutes() }
      await wrong.shutdown()
      #expect(error?.status == 403)
      let text = "\(error!)"
      #expect(text.contains("dynamic_routes:read"))
      #expect(text.contains("OPPER_MANAGEMENT_KEY"))
      #expect(!text.contains(testKey))
      #expect(!text.contains(managementTestKey))
    }
  }

  @Test func callingDynamicRouteWalksTheActiveVersionUnderModelFaults() async throws {
    let faults = #"{"models": {"anthropic/claude-sonnet-4": {"status": 503}}}"#
    try await withRoutes(faults: faults) { _, routes, client in
      _ = try await routes.createRoute(RouteCreate(name: "support", graph: chainGraph(chain)))
      let undeployed = await #expect(throws: OpperAPIError.self) {
        try await client.call(CallRequest(name: "t", input: .string("hi"), model: .name("dynamic/support")))
      }
      #expect(undeployed?.status == 404)
      _ = try await routes.deployCurrent("support", key: "k")
      let answer = try await client.call(
        CallRequest(name: "t", input: .string("hi"), model: .name("dynamic/support")))
      #expect(answer.meta?.routing?.served == "openai/gpt-4o")
      #expect(answer.meta?.routing?.requested == "dynamic/support")
      #expect(answer.meta?.routing?.route?.node == "m2")
      #expect(answer.meta?.routing?.route?.version == 1)
      let span = try await client.span(id: answer.spanId)
      let trace = try await client.trace(id: span.traceId)
      let models = trace.spans.compactMap { $0.data?.model }
      #expect(models.contains("anthropic/claude-sonnet-4"))
      #expect(models.contains("openai/gpt-4o"))
    }
  }

  @Test func routesPersistWithState() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "opal-routes-\(UUID().uuidString).jsonl"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try await withRoutes(statePath: path) { _, routes, _ in
      _ = try await routes.createRoute(RouteCreate(name: "kept", graph: chainGraph(chain)))
      _ = try await routes.deployCurrent("kept", key: "k")
    }
    try await withRoutes(statePath: path) { _, routes, _ in
      let kept = try await routes.route(named: "kept")
      #expect(kept?.detail.activeVersionNumber == 1)
      let receipt = try await routes.deploymentReceipt(name: "kept", idempotencyKey: "k")
      #expect(receipt?.meta.deployedVersion?.versionNumber == 1)
      #expect(try await routes.versions(name: "kept").count == 1)
    }
  }
}
