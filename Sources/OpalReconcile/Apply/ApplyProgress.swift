/// A progress event of an apply, for the CLI's progress bar.
public struct ApplyProgress: Hashable, Sendable {
  /// What happened.
  public enum Event: String, Hashable, Sendable {
    case started, finished
  }

  public var event: Event
  public var change: AliasChange
  /// Set on `finished`.
  public var outcome: ChangeOutcome?
  /// Changes finished so far (any outcome) and in the whole plan.
  public var completed: Int
  public var total: Int
  public var failed: Int

  public init(
    event: Event, change: AliasChange, outcome: ChangeOutcome? = nil, completed: Int, total: Int,
    failed: Int
  ) {
    self.event = event
    self.change = change
    self.outcome = outcome
    self.completed = completed
    self.total = total
    self.failed = failed
  }
}
