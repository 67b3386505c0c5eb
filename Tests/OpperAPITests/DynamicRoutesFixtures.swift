import Foundation
import OpalCore
import OpalTestSupport
import OpperAPI
import OpperEmulator

/// The management key the route tests' emulator wants (long and distinctive, like `testKey`).
let managementTestKey = "op-mak-test-91c0MGMTSECRETbe77"

/// Runs `body` against an emulator that wants `managementTestKey` on `/management/v1`, with a
/// routes client (management key) and the ordinary client (project key).
func withRoutes<T>(
  faults: String? = nil, statePath: String? = nil,
  isolation: isolated (any Actor)? = #isolation,
  _ body: (EmulatorServer, DynamicRoutesClient, OpperClient) async throws -> T
) async throws -> T {
  var configuration = EmulatorConfiguration(apiKey: testKey, managementKey: managementTestKey)
  configuration.statePath = statePath
  return try await withEmulator(configuration: configuration, faults: faults) { server, client in
    let routes = DynamicRoutesClient(
      base: client.configuration, managementKey: managementTestKey, projectKey: testKey)
    do {
      let value = try await body(server, routes, client)
      await routes.shutdown()
      return value
    } catch {
      await routes.shutdown()
      throw error
    }
  }
}

/// A graph from JSON text (test fixtures).
func graph(_ json: String) -> JSONValue {
  (try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))) ?? .null
}

/// A fallback chain as a graph: one model node per hop (`m1`, `m2`, …), the last to END.
func chainGraph(_ models: [String]) -> JSONValue {
  var elements: [JSONValue] = [
    .object([
      "id": .string("START"), "type": .string("start"),
      "outputs": .object(["next": .object(["elementId": .string("m1")])]),
    ])
  ]
  for (index, model) in models.enumerated() {
    let next = index + 1 < models.count ? "m\(index + 2)" : "END"
    elements.append(
      .object([
        "id": .string("m\(index + 1)"), "type": .string("model"),
        "properties": .object(["model": .string(model)]),
        "outputs": .object([
          "success": .object(["elementId": .string("END")]),
          "fallback": .object(["elementId": .string(next)]),
        ]),
      ]))
  }
  elements.append(.object(["id": .string("END"), "type": .string("end"), "outputs": .object([:])]))
  return .object(["elements": .array(elements)])
}

extension DynamicRoutesClient {
  /// Deploys the current draft of `name`, guarded by what a read shows now.
  func deployCurrent(_ name: String, key: String, note: String? = nil) async throws -> RouteDetailAnswer {
    guard let current = try await route(named: name) else {
      throw OpperAPIError(method: "GET", path: name, kind: .timeout)
    }
    let body = RouteDeployment(
      expectedRouteUUID: current.detail.route.uuid, expectedDraftRevision: current.detail.draftRevision,
      expectedActiveVersionNumber: current.detail.activeVersionNumber, idempotencyKey: key, note: note)
    return try await deploy(name: name, body)
  }
}
