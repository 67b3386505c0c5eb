import Hummingbird

/// Counts every request of its group by `"METHOD /v2/path"` (the path as requested, still
/// percent-encoded, without the query), before faults and auth.
struct RequestCountingMiddleware: RouterMiddleware {
  typealias Context = EmulatorRequestContext
  let counter: RequestCounter

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    await counter.count("\(request.method.rawValue) \(request.uri.path)")
    return try await next(request, context)
  }
}
