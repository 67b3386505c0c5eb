import OpalCore
import OpperAPI

/// Which model served a call and what was tried before it, read from the call's trace.
///
/// Generation spans are the spans with `data.model` (only those of type `generation` when any
/// span says so). They are taken in start order (list order
/// where start times are missing); consecutive spans of the same model are one attempt whose
/// extra spans are parse retries. The server is the last generation span without an error.
/// Every field of a trace is optional in practice: a missing one gives "unknown", never a crash.
public struct ServingAnalysis: Hashable, Sendable {
  /// The model that answered, nil when no generation span succeeded.
  public var servedBy: String?
  /// Every model tried, in order, the serving one last.
  public var attempts: [SmokeAttempt]

  public init(servedBy: String?, attempts: [SmokeAttempt]) {
    self.servedBy = servedBy
    self.attempts = attempts
  }

  /// Reads a trace; `rootSpanId` (the call's span) is excluded from the generation spans.
  public init(trace: Trace, rootSpanId: String? = nil) {
    var indexed = trace.spans.enumerated().filter { _, span in
      span.id != rootSpanId && span.data?.model != nil
    }
    // Where spans say their type, only generations are attempts (a call span may name its model too).
    if indexed.contains(where: { $0.element.type == "generation" }) {
      indexed = indexed.filter { $0.element.type == "generation" }
    }
    let ordered = indexed.sorted { a, b in
      if let sa = a.element.startTime, let sb = b.element.startTime, sa != sb { return sa < sb }
      return a.offset < b.offset
    }.map(\.element)

    var attempts: [SmokeAttempt] = []
    var served: String?
    for span in ordered {
      let model = span.data?.model ?? "unknown"
      let failure = Self.errorText(span.error)
      let explicitRetries = Self.integer(named: "parse_retries", in: span.meta)
      if let last = attempts.last, last.model == model, last.error != nil || failure != nil {
        // The same model again right after a failed try: a parse retry of that model.
        attempts[attempts.count - 1].parseRetries += 1
        attempts[attempts.count - 1].error = failure
        attempts[attempts.count - 1].status = failure.flatMap { Self.status(in: span.error, text: $0) }
      } else {
        attempts.append(
          SmokeAttempt(
            model: model, error: failure,
            status: failure.flatMap { Self.status(in: span.error, text: $0) }))
      }
      if let explicitRetries {
        attempts[attempts.count - 1].parseRetries = max(
          attempts[attempts.count - 1].parseRetries, explicitRetries)
      }
      if failure == nil { served = model }
    }
    // Anything tried after the serving model is not part of this call's story.
    if let served, let index = attempts.lastIndex(where: { $0.model == served && $0.error == nil }) {
      attempts = Array(attempts.prefix(index + 1))
    }
    self.init(servedBy: served, attempts: attempts)
  }

  /// A span's `error` as one line of text; nil for no error (absent, `null`, `false`, empty).
  static func errorText(_ error: JSONValue?) -> String? {
    guard let error else { return nil }
    switch error {
    case .null, .bool(false): return nil
    case .string(let s): return s.isEmpty ? nil : s
    case .object(let o):
      if o.isEmpty { return nil }
      for key in ["message", "detail", "error", "reason", "type"] {
        if let text = o[key].flatMap(errorText) { return text }
      }
      return error.canonicalJSON
    default: return error.canonicalJSON
    }
  }

  /// The status of a failed attempt: a `status`/`status_code`/`code` number in the error object,
  /// or a 4XX/5XX number in its text.
  static func status(in error: JSONValue?, text: String) -> Int? {
    for key in ["status", "status_code", "code", "http_status"] {
      if case .integer(let n)? = error?[key], (400..<600).contains(n) { return n }
      if let s = error?[key]?.stringValue, let n = Int(s), (400..<600).contains(n) { return n }
    }
    var digits = ""
    for ch in text + " " {
      if ch.isASCII && ch.isNumber {
        digits.append(ch)
        continue
      }
      if digits.count == 3, let n = Int(digits), (400..<600).contains(n) { return n }
      digits = ""
    }
    return nil
  }

  private static func integer(named key: String, in value: JSONValue?) -> Int? {
    if case .integer(let n)? = value?[key] { return n }
    return nil
  }
}
