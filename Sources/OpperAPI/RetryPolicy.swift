import Foundation

/// When a failed request is tried again, and how long to wait first.
///
/// Retryable failures: the statuses in `retryableStatuses` (429, 500, 502, 503, 504 by default),
/// timeouts and connection errors. Waits grow exponentially from `baseDelay`, capped at
/// `maxDelay`, with full jitter (a uniform draw in `0...cap`); a `Retry-After` header (seconds
/// or an HTTP date) replaces the draw, capped at `maxDelay`. At most `maxAttempts` attempts are
/// made, and no wait starts that would end after `totalBudget` since the first attempt.
///
/// Idempotency. GET, PATCH (it sets absolute values) and DELETE are retried on every retryable
/// failure. The API has no idempotency key, so a non-idempotent POST (creating an alias or a
/// custom model, `/call`) is retried only when it certainly did not land: a 429, or a connection
/// that could not be made before anything was sent. Any other failure of such a POST (a 5XX —
/// 503 included —, a timeout, a connection dropped after sending) is thrown at once with
/// `mayHaveLanded == true`: the caller must check (for an alias, read it by name) before
/// repeating it. A DELETE retried after a lost response can answer 404; that 404 is surfaced
/// (with `mayHaveLanded == true`), and the caller decides that the alias is gone.
public struct RetryPolicy: Sendable, Hashable, CustomStringConvertible {
  /// Attempts in all, the first included (1 means no retry).
  public var maxAttempts: Int
  /// The cap of the first retry's wait; each further retry doubles it.
  public var baseDelay: Duration
  /// The longest single wait, `Retry-After` included.
  public var maxDelay: Duration
  /// No retry is started once this much time has passed since the first attempt.
  public var totalBudget: Duration
  /// Full jitter: draw the wait uniformly in `0...cap` instead of waiting the cap.
  public var jitter: Bool
  /// HTTP statuses worth trying again.
  public var retryableStatuses: Set<Int>

  public init(
    maxAttempts: Int = 5,
    baseDelay: Duration = .milliseconds(250),
    maxDelay: Duration = .seconds(20),
    totalBudget: Duration = .seconds(120),
    jitter: Bool = true,
    retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.totalBudget = totalBudget
    self.jitter = jitter
    self.retryableStatuses = retryableStatuses
  }

  /// One attempt, never retried.
  public static let none = RetryPolicy(maxAttempts: 1)

  /// Whether a request is safe to repeat blindly.
  public enum Idempotency: Sendable, Hashable {
    /// GET, PATCH, DELETE: retried on every retryable failure.
    case idempotent
    /// A POST that creates something or runs a call: retried only when it certainly did not land.
    case notIdempotent
  }

  /// How one attempt failed, as far as retrying is concerned.
  public enum Failure: Sendable, Hashable {
    /// The server answered with this status.
    case status(Int)
    /// The connection could not be made; nothing was sent.
    case notSent
    /// The connection failed or was dropped after the request may have been sent.
    case transport
    /// No answer in time.
    case timeout

    /// True when the request may have been carried out by the server.
    public var mayHaveLanded: Bool {
      switch self {
      case .status(let s): return s >= 500
      case .notSent: return false
      case .transport, .timeout: return true
      }
    }
  }

  /// Whether a failure of this kind is worth another attempt (ignoring attempt counts and time).
  public func isRetryable(_ failure: Failure, idempotency: Idempotency) -> Bool {
    switch (failure, idempotency) {
    case (.status(let s), .idempotent): return retryableStatuses.contains(s)
    case (.status(let s), .notIdempotent): return s == 429 && retryableStatuses.contains(429)
    case (.notSent, _): return true
    case (.transport, .idempotent), (.timeout, .idempotent): return true
    case (.transport, .notIdempotent), (.timeout, .notIdempotent): return false
    }
  }

  /// The wait before the attempt after `attempt` (1 = the wait after the first attempt failed).
  /// `retryAfter`, when the server sent one, replaces the backoff draw; both are capped at
  /// `maxDelay`.
  public func delay(forAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
    var generator = SystemRandomNumberGenerator()
    return delay(forAttempt: attempt, retryAfter: retryAfter, using: &generator)
  }

  /// `delay(forAttempt:retryAfter:)` drawing its jitter from `generator`.
  public func delay<G: RandomNumberGenerator>(
    forAttempt attempt: Int, retryAfter: Duration?, using generator: inout G
  ) -> Duration {
    if let retryAfter {
      return min(max(retryAfter, .zero), maxDelay)
    }
    let cap = backoffCap(forAttempt: attempt)
    guard jitter, cap > .zero else { return cap }
    let fraction = Double.random(in: 0...1, using: &generator)
    return cap * fraction
  }

  /// The exponential ceiling for a retry: `min(maxDelay, baseDelay × 2^(attempt-1))`.
  public func backoffCap(forAttempt attempt: Int) -> Duration {
    let exponent = min(max(attempt - 1, 0), 40)
    return min(maxDelay, baseDelay * (1 << exponent))
  }

  /// Reads a `Retry-After` value: delta-seconds (`"3"`, `"1.5"`) or an HTTP date
  /// (`"Wed, 21 Oct 2015 07:28:00 GMT"`), relative to `now`. `nil` when unreadable; a date in
  /// the past gives zero.
  public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Duration? {
    let v = value.trimmingWhitespace()
    if let seconds = Double(v), seconds.isFinite, seconds >= 0 {
      return .seconds(min(seconds, 86_400))
    }
    guard let date = HTTPDate.parse(v) else { return nil }
    let interval = date.timeIntervalSince(now)
    return .seconds(min(max(interval, 0), 86_400))
  }

  public var description: String {
    "RetryPolicy(maxAttempts: \(maxAttempts), baseDelay: \(baseDelay), maxDelay: \(maxDelay), "
      + "totalBudget: \(totalBudget), jitter: \(jitter))"
  }
}

extension Duration {
  /// The duration in seconds as a floating-point number.
  var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) / 1e18
  }
}
