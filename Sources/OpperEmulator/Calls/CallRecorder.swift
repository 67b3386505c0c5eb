import Foundation
import OpalCore
import OpperAPI

/// Collects the spans of one `/call` — a root span for the call and one generation span per
/// attempt (each parse retry is an attempt) — and turns them into a `Trace`.
struct CallRecorder {
  /// Why an attempt failed.
  struct Failure {
    var status: Int?
    var type: String
    var message: String
    var summary: String { status.map { "\($0) \(type)" } ?? type }
  }

  let request: CallRequest
  let traceId = RandomID.make()
  let rootSpanId = RandomID.make()
  let started = Date()
  private var generations: [TraceSpan] = []
  private(set) var failures: [(model: String, failure: Failure)] = []

  init(request: CallRequest) { self.request = request }

  mutating func attempt(
    _ spec: ModelSpec, modelIndex: Int, started: Date, parseAttempt: Int?, failure: Failure?,
    output: JSONValue? = nil
  ) {
    let ended = Date()
    var meta: [String: JSONValue] = [
      "attempt": .integer(generations.count + 1),
      "model_index": .integer(modelIndex),
      "model": .string(spec.name),
      "success": .bool(failure == nil),
    ]
    if let parseAttempt {
      meta["parse_attempt"] = .integer(parseAttempt)
      meta["parse_retry"] = .bool(parseAttempt > 1)
    }
    if let options = spec.options { meta["options"] = .object(options) }
    if let headers = spec.extraHeaders {
      meta["extra_headers"] = .array(headers.keys.sorted().map { .string($0) })
    }
    if let failure {
      meta["error_type"] = .string(failure.type)
      if let status = failure.status { meta["error_status"] = .integer(status) }
      failures.append((spec.name, failure))
    }
    let data = TraceSpanData(
      model: spec.name, input: request.input, output: output, instructions: request.instructions,
      function: .object(["name": .string(request.name)]), totalTokens: nil,
      tags: request.tags.map { .object($0.mapValues { .string($0) }) },
      generationId: RandomID.make())
    generations.append(
      TraceSpan(
        id: RandomID.make(), name: "generation \(spec.name)", type: "generation",
        parentId: rootSpanId, startTime: Self.timestamp(started), endTime: Self.timestamp(ended),
        durationMs: Self.milliseconds(started, ended),
        error: failure.map { .string("\($0.summary): \($0.message)") },
        meta: .object(meta), data: data))
  }

  /// The finished trace and every span for `/spans/{id}` (the root first).
  func finish(output: JSONValue?, servedBy: String?, usage: CallUsage?) -> (Trace, [Span]) {
    let ended = Date()
    var rootMeta: [String: JSONValue] = [
      "attempts": .integer(generations.count),
      "failed_attempts": .integer(failures.count),
    ]
    if let servedBy { rootMeta["model"] = .string(servedBy) }
    if let tags = request.tags { rootMeta["tags"] = .object(tags.mapValues { .string($0) }) }
    let rootError: JSONValue? = servedBy == nil ? .string("All models failed") : nil
    let root = TraceSpan(
      id: rootSpanId, name: request.name, type: "call", parentId: request.parentSpanId,
      startTime: Self.timestamp(started), endTime: Self.timestamp(ended),
      durationMs: Self.milliseconds(started, ended), error: rootError, meta: .object(rootMeta),
      data: TraceSpanData(
        model: servedBy, input: request.input, output: output, instructions: request.instructions,
        function: .object(["name": .string(request.name)]), totalTokens: usage?.totalTokens))
    let all = [root] + generations
    let trace = Trace(
      id: traceId, name: request.name, status: servedBy == nil ? "error" : "success",
      startTime: root.startTime, endTime: root.endTime, durationMs: root.durationMs,
      input: request.input, output: output, totalTokens: usage?.totalTokens, spans: all)
    let spans = all.map { s in
      Span(
        id: s.id, name: s.name, traceId: traceId, parentId: s.parentId, type: s.type,
        startTime: s.startTime, endTime: s.endTime, input: s.data?.input, output: s.data?.output,
        error: s.error, meta: s.meta, score: nil)
    }
    return (trace, spans)
  }

  private static func timestamp(_ date: Date) -> String {
    InternetTimestamp.string(date, fractionalSeconds: true)
  }

  /// Whole milliseconds: Opper's SDK models `duration_ms` as an integer (a whole `Double`
  /// encodes as one, `2`, never `2.0`).
  private static func milliseconds(_ a: Date, _ b: Date) -> Double {
    (b.timeIntervalSince(a) * 1000).rounded()
  }
}
