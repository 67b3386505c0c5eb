/// How the applier runs a plan (SPEC §5).
public struct ApplyOptions: Hashable, Sendable {
  /// Requests in flight at once within a phase (at least 1).
  public var parallelism: Int
  /// Before changing an alias, call its new chain through `POST /call` and skip the alias if
  /// the chain does not answer (needs a `CallAPI`).
  public var preflight: Bool
  /// Create attempts for one alias when each ends ambiguously and the read shows it absent.
  public var maxCreateAttempts: Int
  /// After cancellation (Ctrl-C), how long a request already in flight may run on before it is
  /// cancelled too (its change is then reported as one that may have landed).
  public var interruptGrace: Duration

  public init(
    parallelism: Int = 8, preflight: Bool = false, maxCreateAttempts: Int = 8,
    interruptGrace: Duration = .seconds(5)
  ) {
    self.parallelism = max(1, parallelism)
    self.preflight = preflight
    self.maxCreateAttempts = max(1, maxCreateAttempts)
    self.interruptGrace = interruptGrace
  }
}
