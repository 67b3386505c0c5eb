/// The outcome of one smoke call (a case or a hop).
public enum SmokeVerdict: String, Codable, Hashable, Sendable, CaseIterable {
  /// The call answered and every expectation held.
  case pass
  /// The call was made and failed, or an expectation did not hold: a finding about the alias.
  case fail
  /// The run could not make the call (the API was unreachable, refused the key, ...): a finding
  /// about the run, not the alias.
  case error
  /// Not called (the budget was spent before its turn).
  case skipped
}
