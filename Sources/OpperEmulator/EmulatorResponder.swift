import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpalCore

/// The request context of the emulator: Hummingbird's core storage plus the connection, so a
/// fault can close it without answering.
struct EmulatorRequestContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  let channel: any Channel

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    channel = source.channel
  }

  var maxUploadSize: Int { 32 * 1024 * 1024 }
}

/// Thrown after the connection was closed on purpose (`drop`, `lose_response`): nothing is sent.
struct ConnectionDropped: Error {}

/// Front door of every request: control endpoints, endpoint faults, the request counter,
/// authentication, then the `/v2` API; logs one line per request when asked.
struct EmulatorResponder: HTTPResponder {
  typealias Context = EmulatorRequestContext

  let api: EmulatorAPI
  let control: ControlEndpoints
  let faults: FaultInjector
  let counter: RequestCounter
  let apiKey: String?
  let logRequests: Bool

  func respond(to request: Request, context: Context) async throws -> Response {
    let started = ContinuousClock.now
    let method = request.method.rawValue
    let path = request.uri.path
    do {
      let (response, note) = try await route(request, method: method, path: path, channel: context.channel)
      log(method, path, "\(response.status.code)", note, since: started)
      return response
    } catch let error as ConnectionDropped {
      log(method, path, "no response", "connection closed by fault", since: started)
      throw error
    }
  }

  private func route(
    _ request: Request, method: String, path: String, channel: any Channel
  ) async throws -> (Response, String?) {
    if path == "/_emulator" || path.hasPrefix("/_emulator/") {
      let body = try await collect(request)
      let response = await control.respond(method: method, path: path, body: body)
      return (response, nil)
    }
    guard path == "/v2" || path.hasPrefix("/v2/") else {
      return (APIReply.notFound("Not Found: the API is served under /v2"), nil)
    }
    await counter.count("\(method) \(path)")
    let relative = path == "/v2" ? "/" : String(path.dropFirst(3))
    let decision = await faults.decide(method: method, path: relative)
    if decision.latencyMs > 0 { try await Task.sleep(for: .milliseconds(decision.latencyMs)) }
    switch decision.outcome {
    case .drop?:
      try await drop(channel)
    case .status(let status, let retryAfter, let message)?:
      var headers: HTTPFields = [:]
      if let retryAfter, let name = HTTPField.Name("Retry-After") {
        headers[name] = retryAfter == retryAfter.rounded() ? String(Int(retryAfter)) : String(retryAfter)
      }
      let response = APIReply.error(
        status, APIReply.typeName(forStatus: status), message ?? "Emulated fault: HTTP \(status)",
        headers: headers)
      return (response, "fault \(status)")
    case .loseResponse?, nil:
      break
    }
    guard authorized(request) else { return (APIReply.unauthorized(), nil) }
    let body: ByteBuffer
    do {
      body = try await collect(request)
    } catch {
      return (APIReply.error(413, "RequestEntityTooLargeError", "The request body is too large"), nil)
    }
    let segments = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    let incoming = EmulatorAPI.Incoming(
      method: method, segments: segments, query: EmulatorAPI.parseQuery(request.uri.query), body: body)
    let response = await api.respond(to: incoming)
    if decision.outcome == .loseResponse {
      try await drop(channel)
    }
    return (response, decision.latencyMs > 0 ? "latency \(decision.latencyMs) ms" : nil)
  }

  private func collect(_ request: Request) async throws -> ByteBuffer {
    var request = request
    return try await request.collectBody(upTo: 32 * 1024 * 1024)
  }

  /// Closes the connection so the client sees it end without any response bytes.
  private func drop(_ channel: any Channel) async throws -> Never {
    try? await channel.close(mode: .all)
    throw ConnectionDropped()
  }

  private func authorized(_ request: Request) -> Bool {
    guard let header = request.headers[.authorization] else { return false }
    let prefix = "bearer "
    guard header.count > prefix.count, header.lowercased().hasPrefix(prefix) else { return false }
    let token = header.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
    guard !token.isEmpty else { return false }
    guard let apiKey else { return true }
    return Self.constantTimeEquals(token, apiKey)
  }

  private static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var diff = UInt8(x.count == y.count ? 0 : 1)
    for i in 0..<min(x.count, y.count) { diff |= x[i] ^ y[i] }
    return diff == 0
  }

  private func log(
    _ method: String, _ path: String, _ outcome: String, _ note: String?, since: ContinuousClock.Instant
  ) {
    guard logRequests else { return }
    let elapsed = ContinuousClock.now - since
    let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    let extra = note.map { " (\($0))" } ?? ""
    let line = "emulator: \(method) \(path) → \(outcome) in \(String(format: "%.1f", ms)) ms\(extra)\n"
    FileHandle.standardError.write(Data(line.utf8))
  }
}

/// Counts requests by `"METHOD /v2/path"` (the path as requested), for tests and benchmarks.
actor RequestCounter {
  private(set) var counts: [String: Int] = [:]
  func count(_ key: String) { counts[key, default: 0] += 1 }
  func reset() { counts = [:] }
}
