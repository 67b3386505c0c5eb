import OpperAPI

/// A failed `/call`, sorted into what it says about the alias or about the run.
///
/// The API answering that the call failed (an error in the API's own JSON shape, 4XX or 5XX) is
/// a finding about the models: a `fail` result. Not reaching the API (connection failures,
/// timeouts, a 5XX that is not the API's JSON — a gateway page —, 429 after the client's
/// retries, an unreadable answer, a refused key) is a problem of the run: an `error` result.
public struct CallFailure: Hashable, Sendable {
  public var verdict: SmokeVerdict
  /// One line, never the key: `HTTP 503 ServiceUnavailable: all models failed`.
  public var message: String
  /// The API refused the key (HTTP 401): every other call would be refused too, so the run stops.
  public var isRefusedKey: Bool = false

  public init(verdict: SmokeVerdict, message: String) {
    self.verdict = verdict
    self.message = message
  }

  public init(_ error: OpperAPIError) {
    switch error.kind {
    case .http(let status, let type, let message):
      let typed = type.map { " \($0)" } ?? ""
      let text = "HTTP \(status)\(typed): \(message)"
      if status == 401 || status == 403 {
        self.init(verdict: .error, message: "the API refused the key: \(text)")
        isRefusedKey = status == 401
      } else if status == 429 || (status >= 500 && type == nil) {
        self.init(verdict: .error, message: "could not reach the API: \(text)")
      } else {
        self.init(verdict: .fail, message: text)
      }
    case .transport(let m):
      self.init(verdict: .error, message: "could not reach the API: connection failed: \(m)")
    case .timeout:
      self.init(verdict: .error, message: "could not reach the API: the request timed out")
    case .decoding(let m):
      self.init(verdict: .error, message: "could not read the API's answer: \(m)")
    case .cancelled:
      self.init(verdict: .error, message: "cancelled")
    case .invalidRequest(let m):
      self.init(verdict: .error, message: "the request was not sent: \(m)")
    case .inconsistentList(let m):
      self.init(verdict: .error, message: "could not read the API's list: \(m)")
    case .mismatchedAnswer(let m):
      self.init(verdict: .error, message: "the API answered about something else: \(m)")
    }
  }
}
