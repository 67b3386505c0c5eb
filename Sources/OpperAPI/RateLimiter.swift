/// A requests-per-second ceiling shared by every request of one client: each `acquire()`
/// is given the next free slot, slots `1/rps` seconds apart (a token bucket holding one token),
/// and waits for it. Waiting is cancellable.
public actor RateLimiter {
  /// The ceiling, in requests per second.
  public nonisolated let requestsPerSecond: Double
  private let interval: Duration
  private let clock = ContinuousClock()
  private var nextSlot: ContinuousClock.Instant?

  /// `requestsPerSecond` must be positive; smaller values are raised to one request per hour.
  public init(requestsPerSecond: Double) {
    let rps = requestsPerSecond.isFinite ? max(requestsPerSecond, 1.0 / 3600) : 1_000_000
    self.requestsPerSecond = rps
    self.interval = .seconds(1.0 / rps)
  }

  /// Waits until this caller may send. Throws `CancellationError` if the task is cancelled
  /// while waiting (the slot is then lost, which only makes the limiter more conservative).
  public func acquire() async throws {
    let now = clock.now
    let slot = max(now, nextSlot ?? now)
    nextSlot = slot + interval
    if slot > now {
      try await clock.sleep(until: slot, tolerance: nil)
    }
    try Task.checkCancellation()
  }
}
