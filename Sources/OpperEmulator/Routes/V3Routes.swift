import Foundation
import Hummingbird
import OpperAPI

/// The `/v3` API group: request counting and endpoint faults in front of the model catalog.
/// `/v3/models` needs no key (as Opper's OpenAPI says, `security: []`); `include=policy` does,
/// and the handler checks it. Endpoint-fault patterns for this group name the full path
/// (`"GET /v3/models"`), so a v2 pattern like `"GET /models"` never hits it.
struct V3Routes: Sendable {
  static let prefix = "v3"
  let catalog: [CatalogModel]
  let policy: ModelPolicyRules
  let now: @Sendable () -> Date
  let faults: FaultInjector
  let counter: RequestCounter
  let apiKey: String?

  func register(on router: Router<EmulatorRequestContext>) {
    let group = router.group(RouterPath(Self.prefix))
      .add(middleware: RequestCountingMiddleware(counter: counter))
      .add(middleware: EndpointFaultMiddleware(faults: faults, prefix: ""))
    var table = RouteTable(
      notFound: { _, _ in APIReply.notFound("Not Found") },
      wrongMethod: { request, _ in APIReply.methodNotAllowed(request.method) })
    CatalogV3Routes(
      catalog: catalog, policy: policy, now: now, auth: BearerAuthMiddleware(apiKey: apiKey)
    ).register(in: &table)
    table.install(in: group)
  }
}
