import HTTPTypes
import Hummingbird
import NIOCore

/// Thrown after the connection was closed on purpose (`drop`, `lose_response`): nothing is sent.
struct ConnectionDropped: Error {}

/// Applies the endpoint faults of the current plan to each request of its group (patterns are
/// relative to the group's `prefix`): waits until `latency_ms` after the request reached it,
/// then drops the connection, answers a fault status (429 with `Retry-After`), or lets the
/// request through and, for `lose_response`, drops the connection instead of sending the answer.
struct EndpointFaultMiddleware: RouterMiddleware {
  typealias Context = EmulatorRequestContext
  let faults: FaultInjector
  /// `/v2`: stripped from the path before matching patterns.
  let prefix: String

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    // The latency counts from the request's arrival here, so deciding (a hop to the injector)
    // is inside the wait, not added to it.
    let arrived = ContinuousClock.now
    let path = request.uri.path
    let relative = path.count <= prefix.count ? "/" : String(path.dropFirst(prefix.count))
    let decision = await faults.decide(method: request.method.rawValue, path: relative)
    if decision.latencyMs > 0 {
      try await Task.sleep(until: arrived + .milliseconds(decision.latencyMs), clock: .continuous)
      context.logNote.value = "latency \(decision.latencyMs) ms"
    }
    switch decision.outcome {
    case .drop?:
      try await drop(context.channel)
    case .status(let status, let retryAfter, let message)?:
      var headers: HTTPFields = [:]
      if let retryAfter, let name = HTTPField.Name("Retry-After") {
        headers[name] = retryAfter == retryAfter.rounded() ? String(Int(retryAfter)) : String(retryAfter)
      }
      context.logNote.value = "fault \(status)"
      return APIReply.error(
        status, APIReply.typeName(forStatus: status), message ?? "Emulated fault: HTTP \(status)",
        headers: headers)
    case .loseResponse?:
      _ = try await next(request, context)
      try await drop(context.channel)
    case nil:
      return try await next(request, context)
    }
  }

  /// Closes the connection so the client sees it end without any response bytes.
  private func drop(_ channel: any Channel) async throws -> Never {
    try? await channel.close(mode: .all)
    throw ConnectionDropped()
  }
}
