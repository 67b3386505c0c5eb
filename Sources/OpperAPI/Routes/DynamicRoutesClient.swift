import NIOHTTP1

/// The dynamic-routes management API (`/management/v1/dynamic-routes`, opper-routes-api.md §2)
/// over an `OpperClient` of its own: the same retries, redaction and answer checks, sent with
/// the **management key** (never the project key, which is only redacted) to the host's
/// `/management/v1` root. Every answer about a route is checked to be about the route asked for.
public final class DynamicRoutesClient: DynamicRoutesAPI, Sendable {
  /// The HTTP client, rooted at `…/management/v1`.
  public let client: OpperClient
  static let collection = "/dynamic-routes"

  /// `base` is any form of `--base-url`; `managementKey` is sent; `projectKey` is only redacted.
  public init(base: OpperClientConfiguration, managementKey: String?, projectKey: String? = nil) {
    var configuration = base
    configuration.baseURL = APIRoot.management(of: base.baseURL)
    configuration.apiKey = managementKey
    configuration.readsManagementErrors = true
    configuration.otherSecrets = (base.otherSecrets + [projectKey, base.apiKey].compactMap { $0 })
      .filter { $0 != managementKey }
    client = OpperClient(configuration: configuration)
  }

  public func shutdown() async { await client.shutdown() }

  private static func path(_ name: String, _ rest: String = "") -> String {
    "\(collection)/\(OpperClient.pathSegment(name))\(rest)"
  }

  /// `GET /dynamic-routes`: every route (unpaginated; `meta.total_count` must match).
  public func listRoutes() async throws(OpperAPIError) -> [RouteSummary] {
    let path = Self.collection
    let answer = try await client.get(path, as: ManagementEnvelope<[RouteSummary]>.self)
    try checkCount(answer.data.count, answer.meta.totalCount, path)
    return answer.data
  }

  /// `GET /dynamic-routes/{name}`; nil on 404.
  public func route(named name: String) async throws(OpperAPIError) -> RouteDetailAnswer? {
    let path = Self.path(name)
    guard let answer = try await client.getOrNil(path, as: ManagementEnvelope<RouteDetail>.self) else {
      return nil
    }
    try client.expect(answer.data.route.name, is: name, "name", .GET, path)
    return RouteDetailAnswer(detail: answer.data, meta: answer.meta)
  }

  /// `POST /dynamic-routes` (opal sends `deploy: false`). Not idempotent: after a failure that
  /// may have landed, read the route by name before trying again.
  public func createRoute(_ body: RouteCreate) async throws(OpperAPIError) -> RouteDetailAnswer {
    try await detail(.POST, Self.collection, body, name: body.name, idempotency: .notIdempotent)
  }

  /// `PUT /dynamic-routes/{name}/draft`: the whole graph; retried (it sets absolute values).
  public func updateDraft(name: String, _ body: RouteDraftUpdate) async throws(OpperAPIError)
    -> RouteDetailAnswer
  {
    try await detail(.PUT, Self.path(name, "/draft"), body, name: name, idempotency: .idempotent)
  }

  /// The guarded deployment, `POST /dynamic-routes/{name}/deployments`: 409 when any
  /// precondition no longer holds. Retried freely: the idempotency key makes a repeat a replay
  /// (`meta.idempotency_replayed`), never a second version. The unguarded `/deploy` is never
  /// used as a fallback.
  public func deploy(name: String, _ body: RouteDeployment) async throws(OpperAPIError) -> RouteDetailAnswer {
    try await detail(.POST, Self.path(name, "/deployments"), body, name: name, idempotency: .idempotent)
  }

  /// `GET /dynamic-routes/{name}/deployments/{key}`: the receipt of a completed deployment; nil
  /// on 404 (no such deployment by this key).
  public func deploymentReceipt(name: String, idempotencyKey: String) async throws(OpperAPIError)
    -> RouteDetailAnswer?
  {
    let path = Self.path(name, "/deployments/\(OpperClient.pathSegment(idempotencyKey))")
    guard let answer = try await client.getOrNil(path, as: ManagementEnvelope<RouteDetail>.self) else {
      return nil
    }
    try client.expect(answer.data.route.name, is: name, "name", .GET, path)
    return RouteDetailAnswer(detail: answer.data, meta: answer.meta)
  }

  /// `POST /dynamic-routes/{name}/undeploy`: clears the live pointer (draft and history kept).
  public func undeploy(name: String, _ body: RouteUndeploy = RouteUndeploy()) async throws(OpperAPIError)
    -> RouteDetailAnswer
  {
    let idempotency: RetryPolicy.Idempotency = body.idempotencyKey == nil ? .notIdempotent : .idempotent
    return try await detail(.POST, Self.path(name, "/undeploy"), body, name: name, idempotency: idempotency)
  }

  /// `POST /dynamic-routes/{name}/simulate`: walks the draft (or a version) without calling a
  /// model; read-only, so retried.
  public func simulate(name: String, _ body: RouteSimulationRequest) async throws(OpperAPIError)
    -> RouteSimulation
  {
    let answer = try await client.sendJSON(
      .POST, Self.path(name, "/simulate"), body, as: ManagementEnvelope<RouteSimulation>.self,
      idempotency: .idempotent)
    return answer.data
  }

  /// `GET /dynamic-routes/{name}/versions`, newest first.
  public func versions(name: String) async throws(OpperAPIError) -> [RouteVersionSummary] {
    let path = Self.path(name, "/versions")
    let answer = try await client.get(path, as: ManagementEnvelope<[RouteVersionSummary]>.self)
    try checkCount(answer.data.count, answer.meta.totalCount, path)
    return answer.data
  }

  /// `GET /dynamic-routes/{name}/versions/{n}`; nil on 404.
  public func version(name: String, number: Int) async throws(OpperAPIError) -> RouteVersionDetail? {
    let path = Self.path(name, "/versions/\(number)")
    guard let answer = try await client.getOrNil(path, as: ManagementEnvelope<RouteVersionDetail>.self) else {
      return nil
    }
    if answer.data.versionNumber != number {
      try client.expect(String(answer.data.versionNumber), is: String(number), "version_number", .GET, path)
    }
    return answer.data
  }

  /// `POST …/versions/{n}/rollback`: deploys version n's graph as a **new** version. Not
  /// idempotent (no key is documented): a failure that may have landed must be checked.
  public func rollback(name: String, to number: Int, note: String? = nil) async throws(OpperAPIError)
    -> RouteDetailAnswer
  {
    try await detail(
      .POST, Self.path(name, "/versions/\(number)/rollback"), RouteRollback(note: note), name: name,
      idempotency: .notIdempotent)
  }

  /// `POST …/versions/{n}/restore-to-draft`: the draft becomes version n's graph (a repeat
  /// changes nothing more, so it is retried).
  public func restoreToDraft(name: String, version number: Int) async throws(OpperAPIError)
    -> RouteDetailAnswer
  {
    try await detail(
      .POST, Self.path(name, "/versions/\(number)/restore-to-draft"), RouteRollback(), name: name,
      idempotency: .idempotent)
  }

  /// `DELETE /dynamic-routes/{name}` (soft delete). A 404 is thrown; after a lost answer it
  /// means done, and the caller decides.
  public func deleteRoute(name: String) async throws(OpperAPIError) {
    _ = try await client.send(.DELETE, Self.path(name))
  }

  // MARK: - Shared

  private func detail<Body: Encodable>(
    _ method: HTTPMethod, _ path: String, _ body: Body, name: String, idempotency: RetryPolicy.Idempotency
  ) async throws(OpperAPIError) -> RouteDetailAnswer {
    let answer = try await client.sendJSON(
      method, path, body, as: ManagementEnvelope<RouteDetail>.self, idempotency: idempotency)
    try client.expect(answer.data.route.name, is: name, "name", method, path)
    return RouteDetailAnswer(detail: answer.data, meta: answer.meta)
  }

  private func checkCount(_ got: Int, _ total: Int?, _ path: String) throws(OpperAPIError) {
    guard let total, total != got else { return }
    throw OpperAPIError(
      method: "GET", path: path,
      kind: .inconsistentList("meta.total_count is \(total) but the list holds \(got)"))
  }
}
