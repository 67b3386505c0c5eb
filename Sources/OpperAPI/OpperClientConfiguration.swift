import Logging

/// How an `OpperClient` reaches the API: where, with which key, how patiently.
///
/// The API key is a secret: it is only ever sent in the `Authorization` header. This type's
/// `description`, `debugDescription` and mirror (what `dump` prints) show whether a key is set,
/// never the key itself.
public struct OpperClientConfiguration: Sendable {
  /// The official API endpoint.
  public static let defaultBaseURL = "https://api.opper.ai/v2"
  /// The largest page the API is asked for.
  public static let maxPageSize = 1000

  /// The API root, for example `https://api.opper.ai/v2` or `http://127.0.0.1:8080/v2`.
  /// `http://` is refused unless the host is loopback (see `validateBaseURL(_:)`).
  public var baseURL: String
  /// The bearer key; `nil` sends no `Authorization` header.
  public var apiKey: String?
  /// The time one attempt may take, from sending to the last byte of the answer.
  public var timeout: Duration
  /// When and how failed requests are tried again.
  public var retry: RetryPolicy
  /// An optional ceiling on requests per second, shared by all concurrent requests of a client
  /// (retries included).
  public var requestsPerSecond: Double?
  /// The `User-Agent` header.
  public var userAgent: String
  /// Where one debug line per attempt goes (the key is never logged); `nil` logs nothing.
  public var logger: Logger?
  /// Items asked for on the first page of a list (1...1000; out-of-range values are clamped).
  /// A server that serves fewer per page is followed at the size it served (`PagedListing`).
  public var pageSize: Int
  /// How many pages after the first are fetched at the same time.
  public var pageConcurrency: Int
  /// The most connections kept open to the API host at once.
  public var maxConnections: Int
  /// Other secrets redacted from answers and messages like the key (the project key, for a
  /// client that sends the management key). Never sent.
  public var otherSecrets: [String] = []
  /// Read error bodies as the management API writes them (`DynamicRoutesClient` sets it).
  public var readsManagementErrors = false

  public init(
    baseURL: String = OpperClientConfiguration.defaultBaseURL,
    apiKey: String? = nil,
    timeout: Duration = .seconds(30),
    retry: RetryPolicy = RetryPolicy(),
    requestsPerSecond: Double? = nil,
    userAgent: String = "opal",
    logger: Logger? = nil,
    pageSize: Int = 100,
    pageConcurrency: Int = 8,
    maxConnections: Int = 64
  ) {
    self.baseURL = baseURL
    self.apiKey = apiKey
    self.timeout = timeout
    self.retry = retry
    self.requestsPerSecond = requestsPerSecond
    self.userAgent = userAgent
    self.logger = logger
    self.pageSize = pageSize
    self.pageConcurrency = pageConcurrency
    self.maxConnections = maxConnections
  }

  /// `pageSize` clamped to what the API accepts.
  public var effectivePageSize: Int { min(max(pageSize, 1), Self.maxPageSize) }

  /// Checks that `url` is an absolute `https://` URL, or `http://` to a loopback host
  /// (127.0.0.0/8, `localhost`, `::1`). Returns the URL without a trailing slash.
  @discardableResult
  public static func validateBaseURL(_ url: String) throws(OpperAPIError) -> String {
    let trimmed = url.trimmingWhitespace()
    func refuse(_ message: String) -> OpperAPIError {
      OpperAPIError(method: "-", path: "-", kind: .invalidRequest(message), attempts: 0)
    }
    let lower = trimmed.lowercased()
    let isHTTPS = lower.hasPrefix("https://")
    let isHTTP = lower.hasPrefix("http://")
    guard isHTTPS || isHTTP else {
      throw refuse("base URL must start with https:// (got \(shortForm(trimmed)))")
    }
    let rest = trimmed.dropFirst(isHTTPS ? 8 : 7)
    guard let host = hostPart(of: rest), !host.isEmpty else {
      throw refuse("base URL has no host (got \(shortForm(trimmed)))")
    }
    if isHTTP && !isLoopback(host: host) {
      throw refuse(
        "refusing http:// base URL to non-loopback host \(shortForm(host)): the API key would travel "
          + "unencrypted; use https://, or http:// only to 127.0.0.1, localhost or [::1]")
    }
    var result = trimmed
    while result.hasSuffix("/") { result.removeLast() }
    return result
  }

  /// The shortest key sent to a host that is not loopback, and the shortest searched for (and
  /// redacted) inside answers. Real Opper keys are far longer; a key this short matches ordinary
  /// words, so it could be neither kept secret nor redacted safely.
  public static let minimumKeyLength = 8

  /// Refuses a key shorter than `minimumKeyLength` unless `baseURL` is on loopback (the
  /// emulator's test keys).
  public static func validateKey(_ key: String?, baseURL: String) throws(OpperAPIError) {
    guard let key, !key.isEmpty, key.count < minimumKeyLength else { return }
    let lower = baseURL.lowercased()
    let rest = lower.dropFirst(lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : 0)
    if let host = hostPart(of: Substring(rest)), isLoopback(host: host) { return }
    throw OpperAPIError(
      method: "-", path: "-",
      kind: .invalidRequest(
        "the API key is \(key.count) characters long, too short to be a real key or to keep out of "
          + "output; check OPPER_API_KEY (or --api-key-file). Keys under \(minimumKeyLength) characters "
          + "are only accepted for a loopback API (the emulator)"),
      attempts: 0)
  }

  /// True for `localhost`, 127.0.0.0/8 and `::1`.
  public static func isLoopback(host: String) -> Bool {
    var h = host.lowercased()
    if h.hasPrefix("[") && h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
    if h == "localhost" || h.hasSuffix(".localhost") || h == "::1" || h == "0:0:0:0:0:0:0:1" {
      return true
    }
    let octets = h.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4, octets[0] == "127" else { return false }
    return octets.allSatisfy { part in
      guard let v = Int(part), part.allSatisfy(\.isASCII), (0...255).contains(v) else { return false }
      return true
    }
  }

  /// The host of `authorityAndPath` (what follows `scheme://`), without user info or port.
  private static func hostPart(of authorityAndPath: Substring) -> String? {
    let authority = authorityAndPath.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    if authority.contains("@") { return nil }  // user info in the URL: refuse, it may hold secrets
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      return String(authority[...close])
    }
    return String(authority.prefix { $0 != ":" })
  }

  private static func shortForm(_ s: String) -> String {
    s.count > 80 ? String(s.prefix(80)) + "…" : s
  }
}

extension OpperClientConfiguration: CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  public var description: String {
    let rps = requestsPerSecond.map { "\($0)" } ?? "none"
    return "OpperClientConfiguration(baseURL: \(baseURL), apiKey: \(apiKey == nil ? "none" : "<redacted>"), "
      + "timeout: \(timeout), retry: \(retry), requestsPerSecond: \(rps), userAgent: \(userAgent), "
      + "pageSize: \(effectivePageSize))"
  }

  public var debugDescription: String { description }

  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "baseURL": baseURL,
        "apiKey": apiKey == nil ? "none" : "<redacted>",
        "timeout": timeout,
        "retry": retry,
        "requestsPerSecond": requestsPerSecond as Any,
        "userAgent": userAgent,
        "pageSize": pageSize,
        "pageConcurrency": pageConcurrency,
        "maxConnections": maxConnections,
        "otherSecrets": otherSecrets.isEmpty ? "none" : "<redacted>",
      ],
      displayStyle: .struct)
  }
}

extension String {
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
