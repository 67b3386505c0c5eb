import Foundation
import Hummingbird
import OpperAPI

/// The `/management/v1` API group (opper-routes-api.md §1–§2): request counting, endpoint
/// faults (patterns relative to `/management/v1`) and management-key auth, in that order, in
/// front of the dynamic-routes endpoints. Unknown paths answer the bare 404 body.
struct ManagementRoutes: Sendable {
  static let prefix = "management/v1"
  let store: ResourceStore
  let faults: FaultInjector
  let counter: RequestCounter
  let managementKey: String?
  let projectKey: String?

  func register(on router: Router<EmulatorRequestContext>) {
    let group = router.group(RouterPath(Self.prefix))
      .add(middleware: RequestCountingMiddleware(counter: counter))
      .add(middleware: EndpointFaultMiddleware(faults: faults, prefix: "/\(Self.prefix)"))
      .add(middleware: ManagementAuthMiddleware(managementKey: managementKey, projectKey: projectKey))
    var table = RouteTable(
      notFound: { _, _ in ManagementReply.notFound("Not Found") },
      wrongMethod: { request, _ in
        ManagementReply.error(
          405, "method_not_allowed", "Method \(request.method.rawValue) is not allowed here")
      })
    DynamicRouteReads(store: store).register(in: &table)
    DynamicRouteWrites(store: store).register(in: &table)
    DynamicRouteDeployments(store: store).register(in: &table)
    table.install(in: group)
  }
}

/// Lets a management request through only with a management key: the configured
/// `--management-key` or, without one, any bearer token that is not the project key. The
/// project key gets 403 with `required_scope` (a runtime key cannot manage); no or a wrong token
/// gets 401.
struct ManagementAuthMiddleware: RouterMiddleware {
  typealias Context = EmulatorRequestContext
  let managementKey: String?
  let projectKey: String?

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let scope = request.method == .get ? "dynamic_routes:read" : "dynamic_routes:write"
    guard let token = Self.token(request) else {
      return ManagementReply.error(401, "unauthorized", "a management key is required")
    }
    if let projectKey, token == projectKey, token != managementKey {
      return ManagementReply.missingScope(
        scope, "a project API key cannot use the Management API; use a management key")
    }
    if let managementKey, token != managementKey {
      return ManagementReply.error(401, "unauthorized", "the management key is not valid")
    }
    return try await next(request, context)
  }

  private static func token(_ request: Request) -> String? {
    guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
      return nil
    }
    let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
    return token.isEmpty ? nil : token
  }
}
