/// A failed API request: what was asked (method and path, never the key) and what went wrong.
public struct OpperAPIError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Hashable, Sendable {
    /// The server answered with a non-success status; `type` and `message` from its error body
    /// when it had one (a body that is not the API's JSON gives `type == nil`).
    case http(status: Int, type: String?, message: String)
    /// The connection failed, was dropped or could not be made.
    case transport(String)
    /// No answer within the timeout.
    case timeout
    /// The answer could not be read as the expected type.
    case decoding(String)
    /// The work was cancelled (for example by Ctrl-C).
    case cancelled
    /// The request was refused before it was sent (for example an `http://` non-loopback URL).
    case invalidRequest(String)
    /// A paged list whose pages did not add up (a `total_count` that lies or moved, pages short,
    /// empty or unasked-for): nothing may be planned from it.
    case inconsistentList(String)
    /// A 2XX answer about something other than what was asked (another alias's name or id): it
    /// must not be acted on.
    case mismatchedAnswer(String)
  }

  public var method: String
  public var path: String
  public var kind: Kind
  /// True when the request may have been carried out although no success was seen
  /// (a dropped connection after sending, a timeout, a 5XX). A POST in that state must be
  /// checked, not blindly repeated.
  public var mayHaveLanded: Bool
  /// How many attempts were made before giving up.
  public var attempts: Int

  public init(method: String, path: String, kind: Kind, mayHaveLanded: Bool = false, attempts: Int = 1) {
    self.method = method
    self.path = path
    self.kind = kind
    self.mayHaveLanded = mayHaveLanded
    self.attempts = attempts
  }

  /// The HTTP status, when the server answered.
  public var status: Int? {
    if case .http(let status, _, _) = kind { return status }
    return nil
  }

  public var description: String {
    switch kind {
    case .http(let status, let type, let message):
      let t = type.map { " \($0)" } ?? ""
      return "\(method) \(path): HTTP \(status)\(t): \(message)"
    case .transport(let m): return "\(method) \(path): connection failed: \(m)"
    case .timeout: return "\(method) \(path): timed out"
    case .decoding(let m): return "\(method) \(path): unreadable response: \(m)"
    case .cancelled: return "\(method) \(path): cancelled"
    case .invalidRequest(let m): return "\(method) \(path): \(m)"
    case .inconsistentList(let m): return "\(method) \(path): \(m)"
    case .mismatchedAnswer(let m): return "\(method) \(path): the answer does not match the request: \(m)"
    }
  }
}
