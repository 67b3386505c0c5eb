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
  /// The API host asked (`api.opper.ai`, `127.0.0.1:8080`), when a request was made.
  public var host: String?
  /// How long the request took from the first attempt to giving up, retries and waits included.
  public var elapsed: Duration?

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
    guard let host else { return message(asked: "\(method) \(path)") }
    var text = message(asked: "\(method) \(path) on \(host)")
    if attempts > 1 || isTimeout, let elapsed {
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      let noun = attempts == 1 ? "attempt" : "attempts"
      text += " (\(attempts) \(noun) in \(String(format: "%.1f", seconds)) s)"
    }
    return text
  }

  private var isTimeout: Bool {
    if case .timeout = kind { return true }
    return false
  }

  /// What usually causes this failure and what to do, where that is known.
  public var hint: String? {
    let loopback = host.map { OpperClientConfiguration.isLoopback(host: Self.hostName($0)) } ?? false
    switch kind {
    case .http(401, _, _):
      return "check OPPER_API_KEY (or --api-key-file): the API refused the key"
    case .http(403, _, _):
      return "the key is valid but not allowed to do this"
    case .http(404, nil, _):
      return "the answer was not the API's (a 404 page): check the base URL's path; "
        + "it should end in /v2, e.g. https://api.opper.ai/v2"
    case .transport(let message) where message.contains(TransportErrorClassifier.tlsToPlainHTTP):
      return "the server at \(host ?? "that address") answers plain HTTP: use http:// (only for loopback, "
        + "e.g. the emulator) or the API's https:// address"
    case .transport(let message) where message.contains(TransportErrorClassifier.unknownHost):
      return "check the host name in --base-url / OPPER_BASE_URL and the machine's DNS and network"
    case .transport, .timeout:
      return loopback
        ? "is the emulator running on \(host ?? "that port")? Start it with `opal emulator --port N`"
        : "check --base-url / OPPER_BASE_URL and the network"
    default:
      return nil
    }
  }

  /// `host` without its port (`[::1]:8080` → `[::1]`).
  static func hostName(_ host: String) -> String {
    if host.hasPrefix("["), let close = host.firstIndex(of: "]") { return String(host[...close]) }
    return String(host.prefix { $0 != ":" })
  }

  /// The message after what was asked (`GET /models on api.opper.ai`).
  private func message(asked: String) -> String {
    switch kind {
    case .http(let status, let type, let message):
      let t = type.map { " \($0)" } ?? ""
      return "\(asked): HTTP \(status)\(t): \(message)"
    case .transport(let m): return "\(asked): connection failed: \(m)"
    case .timeout: return "\(asked): timed out"
    case .decoding(let m): return "\(asked): unreadable response: \(m)"
    case .cancelled: return "\(asked): cancelled"
    case .invalidRequest(let m): return "\(asked): \(m)"
    case .inconsistentList(let m): return "\(asked): \(m)"
    case .mismatchedAnswer(let m): return "\(asked): the answer does not match the request: \(m)"
    }
  }
}
