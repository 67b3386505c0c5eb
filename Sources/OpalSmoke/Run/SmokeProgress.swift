/// A progress event of a running smoke: sent once when the work is known, then after each call.
public struct SmokeProgress: Hashable, Sendable {
  /// What happened.
  public enum Event: Hashable, Sendable {
    /// The run planned `total` calls (cases and hops).
    case planned
    /// One call finished (or was skipped) with this verdict.
    case finished(alias: String, item: String, verdict: SmokeVerdict)
  }

  public var event: Event
  /// Calls finished or skipped so far.
  public var completed: Int
  /// Calls planned in all.
  public var total: Int

  public init(event: Event, completed: Int, total: Int) {
    self.event = event
    self.completed = completed
    self.total = total
  }
}
