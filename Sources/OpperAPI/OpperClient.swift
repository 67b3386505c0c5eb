import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import OpalCore

/// The Opper v2 API over HTTP (AsyncHTTPClient): bearer auth, paged listing, retries with
/// backoff, an optional requests-per-second ceiling, and errors that never carry the key.
///
/// The client owns an `HTTPClient`: call `shutdown()` when done with it (a client dropped
/// without it is shut down in the background from `deinit`). A base URL that `validateBaseURL` refuses makes
/// every operation throw `.invalidRequest` without sending anything.
public final class OpperClient: AliasAPI, CatalogAPI, CustomModelAPI, CallAPI, Sendable {
  /// What the client was made with (printing it never shows the key).
  public let configuration: OpperClientConfiguration
  let http: HTTPClient
  let limiter: RateLimiter?
  /// The validated base URL without a trailing slash, or why it was refused.
  let base: Result<String, OpperAPIError>
  let clock = ContinuousClock()
  private let shutDown = OnceFlag()
  private let stopped = OnceFlag()

  /// After this (Ctrl-C), no new attempt starts, retries included: a request already on the wire
  /// runs on until its caller cancels it, and one that fails ends there, saying whether it may
  /// have landed.
  public func stopRetrying() { _ = stopped.set() }

  /// Whether `stopRetrying()` was called.
  public var isStopped: Bool { stopped.isSet }

  public init(configuration: OpperClientConfiguration) {
    self.configuration = configuration
    do {
      let url = try OpperClientConfiguration.validateBaseURL(configuration.baseURL)
      try OpperClientConfiguration.validateKey(configuration.apiKey, baseURL: url)
      base = .success(url)
    } catch {
      base = .failure(error)
    }
    var httpConfig = HTTPClient.Configuration()
    httpConfig.redirectConfiguration = .disallow  // never carry the key to another host
    httpConfig.timeout = .init(
      connect: .seconds(10), read: TimeAmount(configuration.timeout))
    httpConfig.connectionPool.retryConnectionEstablishment = false  // the RetryPolicy decides
    httpConfig.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(
      1, configuration.maxConnections)
    http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfig)
    limiter = configuration.requestsPerSecond.flatMap { $0 > 0 ? RateLimiter(requestsPerSecond: $0) : nil }
  }

  /// The API's host (and port) as errors name it, or nil when the base URL was refused.
  var host: String? {
    guard case .success(let url) = base else { return nil }
    let rest = url.split(separator: "://", maxSplits: 1).last.map(String.init) ?? url
    return String(rest.prefix { $0 != "/" })
  }

  /// Closes the connections. The client must not be used afterwards. A client dropped without
  /// it is shut down in the background.
  public func shutdown() async {
    guard shutDown.set() else { return }
    try? await http.shutdown()
  }

  deinit {
    if shutDown.set() { http.shutdown { _ in } }
  }

  // MARK: - Requests

  /// A successful answer.
  struct Answer: Sendable {
    var status: Int
    var body: [UInt8]
  }

  /// Sends `method path` (path relative to the base URL, already percent-encoded, query
  /// included) with retries, returning the first 2XX answer or throwing the last failure.
  func send(
    _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil,
    idempotency: RetryPolicy.Idempotency? = nil, root: APIRoot = .v2
  ) async throws(OpperAPIError) -> Answer {
    let policy = configuration.retry
    let idempotency = idempotency ?? (method == .POST ? .notIdempotent : .idempotent)
    let start = clock.now
    var attempt = 0
    var mayHaveLanded = false
    let host = self.host
    func fail(_ kind: OpperAPIError.Kind) -> OpperAPIError {
      var error = OpperAPIError(
        method: method.rawValue, path: redacted(path), kind: redacted(kind),
        mayHaveLanded: mayHaveLanded, attempts: attempt)
      error.host = host
      error.elapsed = clock.now - start
      return error
    }
    let baseURL: String
    switch base {
    case .success(let url): baseURL = root.url(fromBase: url)
    case .failure(let error):
      throw OpperAPIError(method: method.rawValue, path: redacted(path), kind: error.kind, attempts: 0)
    }
    while true {
      if Task.isCancelled || stopped.isSet { throw fail(.cancelled) }
      if let limiter {
        do { try await limiter.acquire() } catch { throw fail(.cancelled) }
      }
      attempt += 1
      // No attempt outlives the request's whole budget (`--timeout` bounds the waiting, retries
      // included, not each attempt alone).
      let remaining = policy.totalBudget - (clock.now - start)
      guard remaining > .zero else { throw fail(.timeout) }
      let outcome = await attemptOnce(
        method, url: baseURL + path, path: path, body: body, attempt: attempt,
        timeout: min(configuration.timeout, remaining))
      let failure: RetryPolicy.Failure
      let kind: OpperAPIError.Kind
      var retryAfter: Duration?
      switch outcome {
      case .answered(let status, let headers, let bytes):
        if (200..<300).contains(status) { return Answer(status: status, body: redacted(bytes)) }
        failure = .status(status)
        kind = APIErrorDecoding.kind(
          status: status, body: bytes, management: configuration.readsManagementErrors)
        retryAfter = headers.first(name: "retry-after").flatMap { RetryPolicy.parseRetryAfter($0) }
      case .failed(let f, let k):
        failure = f
        kind = k
      case .cancelled(let sent):
        mayHaveLanded = mayHaveLanded || sent
        throw fail(.cancelled)
      }
      mayHaveLanded = mayHaveLanded || failure.mayHaveLanded
      guard attempt < policy.maxAttempts, policy.isRetryable(failure, idempotency: idempotency) else {
        throw fail(kind)
      }
      let wait = policy.delay(forAttempt: attempt, retryAfter: retryAfter)
      guard clock.now - start + wait <= policy.totalBudget else { throw fail(kind) }
      let shownPath = redacted(path)
      configuration.logger?.debug(
        "retrying \(method.rawValue) \(shownPath) in \(wait) after attempt \(attempt): \(describe(kind))")
      do { try await clock.sleep(for: wait) } catch { throw fail(.cancelled) }
    }
  }

  /// What one attempt came to.
  enum AttemptOutcome: Sendable {
    case answered(status: Int, headers: HTTPHeaders, body: [UInt8])
    case failed(RetryPolicy.Failure, OpperAPIError.Kind)
    case cancelled(sent: Bool)
  }

  /// The largest response body read.
  static let maxBodyBytes = 64 * 1024 * 1024

  private func attemptOnce(
    _ method: HTTPMethod, url: String, path: String, body: [UInt8]?, attempt: Int, timeout: Duration
  ) async -> AttemptOutcome {
    var headers = HTTPHeaders()
    headers.add(name: "User-Agent", value: configuration.userAgent)
    headers.add(name: "Accept", value: "application/json")
    if let key = configuration.apiKey, !key.isEmpty {
      headers.add(name: "Authorization", value: "Bearer \(key)")
    }
    if body != nil {
      headers.add(name: "Content-Type", value: "application/json")
    }
    let logger = configuration.logger
    let path = redacted(path)
    logger?.trace(
      "\(method.rawValue) \(path) attempt \(attempt) headers: \(Self.redactedHeaders(headers))")
    let started = clock.now
    let outcome: AttemptOutcome
    do {
      let request = try HTTPClient.Request(
        url: url, method: method, headers: headers, body: body.map { HTTPClient.Body.bytes($0) })
      outcome = await exchange(request, timeout: timeout)
    } catch {
      outcome = TransportErrorClassifier.classify(error, taskCancelled: Task.isCancelled)
    }
    let elapsed = Self.millis(clock.now - started)
    switch outcome {
    case .answered(let status, _, _):
      logger?.debug("\(method.rawValue) \(path) → \(status) (attempt \(attempt), \(elapsed) ms)")
    case .failed(_, let kind):
      logger?.debug(
        "\(method.rawValue) \(path) failed (attempt \(attempt), \(elapsed) ms): \(describe(kind))")
    case .cancelled:
      logger?.debug("\(method.rawValue) \(path) cancelled (attempt \(attempt), \(elapsed) ms)")
    }
    return outcome
  }

  /// One request and its whole answer, body included, within `timeout`: one NIO deadline on the
  /// whole exchange (waiting for a connection, the head and every byte of the body), so a server
  /// that trickles its body a byte at a time is cut off at the deadline like one that never
  /// answers. The body is gathered on the event loop (at most `maxBodyBytes`), with no task or
  /// timer of its own; cancelling the calling task fails the request at once.
  private func exchange(_ request: HTTPClient.Request, timeout: Duration) async -> AttemptOutcome {
    let deadline = NIODeadline.now() + TimeAmount(timeout)
    let accumulator = ResponseAccumulator(request: request, maxBodySize: Self.maxBodyBytes)
    let task = http.execute(request: request, delegate: accumulator, deadline: deadline)
    do {
      let response = try await withTaskCancellationHandler {
        try await task.futureResult.get()
      } onCancel: {
        task.fail(reason: CancellationError())
      }
      let status = Int(response.status.code)
      let bytes = response.body.map { Array($0.readableBytesView) } ?? []
      return .answered(status: status, headers: response.headers, body: bytes)
    } catch {
      let cancelled = Task.isCancelled
      // Past the deadline, any failure is the timeout: a request still waiting for a connection
      // is failed with `cancelled` (or the last connect error) rather than `deadlineExceeded`.
      if !cancelled, NIODeadline.now() >= deadline { return .failed(.timeout, .timeout) }
      return TransportErrorClassifier.classify(error, taskCancelled: cancelled)
    }
  }

  // MARK: - JSON

  func get<T: Decodable>(
    _ path: String, as type: T.Type, root: APIRoot = .v2
  ) async throws(OpperAPIError) -> T {
    let answer = try await send(.GET, path, root: root)
    return try decode(T.self, from: answer, method: .GET, path: path)
  }

  func sendJSON<Body: Encodable, T: Decodable>(
    _ method: HTTPMethod, _ path: String, _ body: Body, as type: T.Type,
    idempotency: RetryPolicy.Idempotency? = nil
  ) async throws(OpperAPIError) -> T {
    let bytes: [UInt8]
    do {
      bytes = try CompactJSON.bytes(body)
    } catch {
      throw OpperAPIError(
        method: method.rawValue, path: redacted(path),
        kind: .invalidRequest("could not encode the body"), attempts: 0)
    }
    let answer = try await send(method, path, body: bytes, idempotency: idempotency)
    return try decode(T.self, from: answer, method: method, path: path)
  }

  func decode<T: Decodable>(
    _ type: T.Type, from answer: Answer, method: HTTPMethod, path: String
  ) throws(OpperAPIError) -> T {
    do {
      if T.self is any JSONTreeDecodable.Type { return try JSONTreeDecoder.decode(T.self, from: answer.body) }
      return try JSONDecoder().decode(T.self, from: Data(answer.body))
    } catch {
      throw OpperAPIError(
        method: method.rawValue, path: redacted(path),
        kind: redacted(.decoding(Self.describeDecodingError(error, body: answer.body))),
        mayHaveLanded: true)
    }
  }

  // MARK: - Redaction

  /// Keys shorter than this are not searched for in answers: they are test keys (`k`, `dev`),
  /// only accepted for a loopback API (`validateKey`), that match ordinary text
  /// (`fallback_models`), and rewriting that would corrupt the data.
  static let minimumKeyLengthRedactedInAnswers = OpperClientConfiguration.minimumKeyLength

  /// An answer's bytes with every occurrence of the API key replaced, before anything decodes
  /// them: a server that echoes the key inside data (a trace's error text, say) must not make
  /// opal print it or write it to a report.
  func redacted(_ bytes: [UInt8]) -> [UInt8] {
    let found = secrets.contains { key in
      key.utf8.count >= Self.minimumKeyLengthRedactedInAnswers && Self.occurs(Array(key.utf8), in: bytes)
    }
    guard found else { return bytes }
    return Array(redacted(String(decoding: bytes, as: UTF8.self)).utf8)
  }

  /// Whether `needle` (not empty) occurs in `haystack`, read in place: `memchr` finds each
  /// candidate first byte, `memcmp` checks the rest (`Data.range(of:)` copied the answer and
  /// compared byte by byte through an iterator: ~4 % of a 10,000-alias plan's CPU).
  static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
    guard let first = needle.first, haystack.count >= needle.count else { return false }
    return haystack.withUnsafeBufferPointer { h in
      needle.withUnsafeBufferPointer { n in
        guard let hBase = h.baseAddress, let nBase = n.baseAddress else { return false }
        let lastStart = h.count - n.count
        var start = 0
        while start <= lastStart {  // `start` only grows: at most one pass over the answer
          guard let hit = memchr(hBase + start, Int32(first), lastStart - start + 1) else { return false }
          let at = hBase.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          if memcmp(hBase + at, nBase, n.count) == 0 { return true }
          start = at + 1
        }
        return false
      }
    }
  }

  /// The key and every other secret of the configuration.
  private var secrets: [String] { (configuration.apiKey.map { [$0] } ?? []) + configuration.otherSecrets }

  /// `text` (an error message, a path, a log line) with every occurrence of the API key replaced.
  /// A key of one to three characters is no secret (`k` in tests) and would garble every word.
  func redacted(_ text: String) -> String {
    var text = text
    for key in secrets where key.count >= 4 && text.contains(key) {
      text = text.replacingOccurrences(of: key, with: "[redacted]")
    }
    return text
  }

  func redacted(_ kind: OpperAPIError.Kind) -> OpperAPIError.Kind {
    switch kind {
    case .http(let status, let type, let message):
      return .http(status: status, type: type.map { redacted($0) }, message: redacted(message))
    case .transport(let m): return .transport(redacted(m))
    case .decoding(let m): return .decoding(redacted(m))
    case .invalidRequest(let m): return .invalidRequest(redacted(m))
    case .inconsistentList(let m): return .inconsistentList(redacted(m))
    case .mismatchedAnswer(let m): return .mismatchedAnswer(redacted(m))
    case .timeout, .cancelled: return kind
    }
  }

  private func describe(_ kind: OpperAPIError.Kind) -> String {
    OpperAPIError(method: "", path: "", kind: redacted(kind)).description
      .trimmingCharacters(in: CharacterSet(charactersIn: " :"))
  }

  /// Headers as `name: value` pairs, `Authorization` shown as `Bearer [redacted]`.
  static func redactedHeaders(_ headers: HTTPHeaders) -> String {
    headers.map { name, value in
      name.lowercased() == "authorization" ? "\(name): Bearer [redacted]" : "\(name): \(value)"
    }.joined(separator: ", ")
  }

  private static func millis(_ d: Duration) -> Int { Int(d.seconds * 1000) }

  private static func describeDecodingError(_ error: any Error, body: [UInt8]) -> String {
    let what: String
    switch error {
    case DecodingError.keyNotFound(let key, let ctx):
      what = "missing field \(path(ctx.codingPath + [key]))"
    case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
      what = "unexpected value at \(path(ctx.codingPath))"
    case DecodingError.dataCorrupted(let ctx):
      what = ctx.codingPath.isEmpty ? "not JSON" : "bad value at \(path(ctx.codingPath))"
    default:
      what = "unreadable"
    }
    return "\(what) (\(body.count) bytes)"
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    guard !keys.isEmpty else { return "(root)" }
    return keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
  }
}

extension OpperClient: CustomStringConvertible, CustomReflectable {
  public var description: String { "OpperClient(\(configuration))" }
  public var customMirror: Mirror {
    Mirror(self, children: ["configuration": configuration], displayStyle: .class)
  }
}

/// A flag that can be set once, from any thread.
final class OnceFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var flag = false
  /// Sets the flag; true when this call set it.
  func set() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    if flag { return false }
    flag = true
    return true
  }

  /// Whether the flag is set.
  var isSet: Bool {
    lock.lock()
    defer { lock.unlock() }
    return flag
  }
}

extension TimeAmount {
  init(_ duration: Duration) {
    let c = duration.components
    let nanos = c.seconds.multipliedReportingOverflow(by: 1_000_000_000)
    self = .nanoseconds(nanos.overflow ? Int64.max : nanos.partialValue + c.attoseconds / 1_000_000_000)
  }
}
