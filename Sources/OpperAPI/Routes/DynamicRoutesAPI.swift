/// The route operations the reconciler needs. `DynamicRoutesClient` implements it over HTTP;
/// tests may use an in-memory fake.
public protocol DynamicRoutesAPI: Sendable {
  func listRoutes() async throws(OpperAPIError) -> [RouteSummary]
  func route(named name: String) async throws(OpperAPIError) -> RouteDetailAnswer?
  func createRoute(_ body: RouteCreate) async throws(OpperAPIError) -> RouteDetailAnswer
  func updateDraft(name: String, _ body: RouteDraftUpdate) async throws(OpperAPIError) -> RouteDetailAnswer
  func deploy(name: String, _ body: RouteDeployment) async throws(OpperAPIError) -> RouteDetailAnswer
  func deploymentReceipt(name: String, idempotencyKey: String) async throws(OpperAPIError)
    -> RouteDetailAnswer?
  func undeploy(name: String, _ body: RouteUndeploy) async throws(OpperAPIError) -> RouteDetailAnswer
  func simulate(name: String, _ body: RouteSimulationRequest) async throws(OpperAPIError) -> RouteSimulation
  func versions(name: String) async throws(OpperAPIError) -> [RouteVersionSummary]
  func version(name: String, number: Int) async throws(OpperAPIError) -> RouteVersionDetail?
  func rollback(name: String, to number: Int, note: String?) async throws(OpperAPIError) -> RouteDetailAnswer
  func restoreToDraft(name: String, version number: Int) async throws(OpperAPIError) -> RouteDetailAnswer
  func deleteRoute(name: String) async throws(OpperAPIError)
}
