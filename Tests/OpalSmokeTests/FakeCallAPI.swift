import Foundation
import OpalCore
import OpperAPI

/// An in-memory Opper `/call` with aliases, dead models, traces and a concurrency meter.
final class FakeCallAPI: CallAPI, @unchecked Sendable {
  private let lock = NSLock()
  var aliases: [String: [String]] = [:]
  /// Models that fail every attempt, with the status of their error.
  var deadModels: [String: Int] = [:]
  /// Models whose structured output fails to parse this many times before it parses.
  var malformed: [String: Int] = [:]
  var costPerCall: Double? = 0.001
  var delay: Duration = .zero
  /// Thrown by every call when set (a transport failure, say).
  var callError: OpperAPIError?
  var payload: JSONValue = .object(["summary": .string("Opper routes calls.")])
  /// Trace as served, before the fake's own spans (to test odd shapes).
  var traceOverride: Trace?
  var traceError: OpperAPIError?

  private(set) var requests: [CallRequest] = []
  private(set) var maxInFlight = 0
  private var inFlight = 0
  private var traces: [String: Trace] = [:]
  private var counter = 0

  private func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  func call(_ request: CallRequest) async throws(OpperAPIError) -> CallResponse {
    let (error, id) = locked { () -> (OpperAPIError?, Int) in
      requests.append(request)
      inFlight += 1
      maxInFlight = max(maxInFlight, inFlight)
      counter += 1
      return (callError, counter)
    }
    defer { locked { inFlight -= 1 } }
    if delay > .zero {
      do { try await Task.sleep(for: delay) } catch {
        throw OpperAPIError(method: "POST", path: "/call", kind: .cancelled)
      }
    }
    if let error { throw error }
    let names = locked { (request.model?.names ?? []).flatMap { aliases[$0] ?? [$0] } }
    var spans = [TraceSpan(id: "root-\(id)", name: request.name, type: "call")]
    var served: String?
    for (n, model) in names.enumerated() {
      let status = locked { deadModels[model] }
      if let status {
        spans.append(
          TraceSpan(
            id: "gen-\(id)-\(n)", type: "generation", parentId: "root-\(id)",
            startTime: "2025-01-01T00:00:0\(n)Z",
            error: .object(["status": .integer(status), "message": .string("model unavailable")]),
            data: TraceSpanData(model: model)))
        continue
      }
      let bad = locked { request.outputSchema == nil ? 0 : (malformed[model] ?? 0) }
      for r in 0..<bad {
        spans.append(
          TraceSpan(
            id: "gen-\(id)-\(n)-p\(r)", type: "generation", startTime: "2025-01-01T00:00:0\(n)Z",
            error: .string("structured output did not parse"), data: TraceSpanData(model: model)))
      }
      spans.append(
        TraceSpan(
          id: "gen-\(id)-\(n)-ok", type: "generation", startTime: "2025-01-01T00:00:0\(n)Z",
          data: TraceSpanData(model: model)))
      served = model
      break
    }
    guard let served else {
      throw OpperAPIError(
        method: "POST", path: "/call",
        kind: .http(status: 502, type: "ModelError", message: "all models failed"))
    }
    let text = request.input?["text"]?.stringValue ?? "hello"
    locked { traces["trace-\(id)"] = Trace(id: "trace-\(id)", spans: spans) }
    return CallResponse(
      spanId: "root-\(id)",
      message: request.outputSchema == nil ? "\(served) says: \(text)" : nil,
      jsonPayload: request.outputSchema == nil ? nil : payload,
      cost: costPerCall.map { CallCost(total: $0) })
  }

  func span(id: String) async throws(OpperAPIError) -> Span {
    let traceId = "trace-" + id.replacingOccurrences(of: "root-", with: "")
    return Span(id: id, traceId: traceId)
  }

  func trace(id: String) async throws(OpperAPIError) -> Trace {
    if let traceError { throw traceError }
    if let traceOverride { return traceOverride }
    guard let t = locked({ traces[id] }) else {
      throw OpperAPIError(
        method: "GET", path: "/traces/\(id)",
        kind: .http(status: 404, type: "NotFoundError", message: "no trace"))
    }
    return t
  }
}
