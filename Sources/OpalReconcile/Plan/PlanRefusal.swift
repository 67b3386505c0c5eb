/// Why a plan must not be applied as it stands, and the flag that would allow it.
public struct PlanRefusal: Hashable, Sendable, Codable {
  /// Which safety rule refused the plan.
  public enum Rule: String, Hashable, Sendable, Codable {
    case tooManyDeletes = "too_many_deletes"
    case emptyPrune = "empty_prune"
    /// A rename away from a name `scope.protect` covers (the protected name would disappear).
    case protectedRename = "protected_rename"
    /// A rollback (`opal rollback SNAPSHOT`) of a resource changed by someone else since the apply.
    case changedSinceSnapshot = "changed_since_snapshot"
  }

  public var rule: Rule
  public var reason: String
  public var hint: String

  public init(rule: Rule, reason: String, hint: String) {
    self.rule = rule
    self.reason = reason
    self.hint = hint
  }
}
