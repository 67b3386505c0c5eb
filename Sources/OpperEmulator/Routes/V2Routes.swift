import Hummingbird
import OpperAPI

/// The `/v2` API group: request counting, endpoint faults and bearer auth (in that order) in
/// front of the catalog, aliases, custom models, calls and traces. Unknown paths answer 404 and
/// wrong methods 405, both after the middleware. A `/v3` or `/management/v1` group is a sibling
/// of this file, registered next to it by `EmulatorServer.buildRouter()`.
struct V2Routes: Sendable {
  static let prefix = "v2"
  let store: ResourceStore
  let traces: TraceStore
  let engine: CallEngine
  let catalog: [LanguageModel]
  let faults: FaultInjector
  let counter: RequestCounter
  let customModelKeys: CustomModelKeys
  let apiKey: String?

  func register(on router: Router<EmulatorRequestContext>) {
    let group = router.group(RouterPath(Self.prefix))
      .add(middleware: RequestCountingMiddleware(counter: counter))
      .add(middleware: EndpointFaultMiddleware(faults: faults, prefix: "/\(Self.prefix)"))
      .add(middleware: BearerAuthMiddleware(apiKey: apiKey))
    var table = RouteTable(
      notFound: { _, _ in APIReply.notFound("Not Found") },
      wrongMethod: { request, _ in APIReply.methodNotAllowed(request.method) })
    CatalogRoutes(catalog: catalog).register(in: &table)
    ResourceRoutes(resource: AliasResource(), store: store).register(in: &table)
    ResourceRoutes(resource: CustomModelResource(keys: customModelKeys), store: store).register(in: &table)
    CallRoutes(engine: engine, traces: traces).register(in: &table)
    table.install(in: group)
  }
}
