/// Proves that changed resources work, right after an apply changed them (`apply --verify`,
/// SPEC §15). OpalReconcile does not smoke (it imports neither OpalSmoke nor the call API's
/// runner); the CLI supplies a verifier built on OpalSmoke's runner.
public protocol ChangeVerifier: Sendable {
  /// One verdict per target, in any order; a target without one counts as not checked.
  func verify(_ targets: [VerifyTarget]) async -> [VerifyVerdict]
}

/// A resource to verify.
public struct VerifyTarget: Hashable, Sendable, Codable {
  /// Which kind of resource.
  public enum Kind: String, Hashable, Sendable, Codable {
    case alias, route
    /// Not smoked itself (its aliases are); rolled back with the rest.
    case customModel = "custom_model"
  }

  public var kind: Kind
  public var name: String

  public init(_ kind: Kind, _ name: String) {
    self.kind = kind
    self.name = name
  }
}

/// What the verifier found for one target.
public struct VerifyVerdict: Hashable, Sendable {
  /// The outcome of the check.
  public enum Outcome: String, Hashable, Sendable, Codable {
    case passed, failed
    /// Not smoked (the run stopped first: a refused key, the budget).
    case notChecked = "not_checked"
  }

  public var target: VerifyTarget
  public var outcome: Outcome
  /// Why it failed or was not checked.
  public var message: String?

  public init(_ target: VerifyTarget, _ outcome: Outcome, message: String? = nil) {
    self.target = target
    self.outcome = outcome
    self.message = message
  }
}
