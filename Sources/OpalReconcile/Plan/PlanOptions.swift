/// The safety switches of a plan (SPEC §4).
public struct PlanOptions: Hashable, Sendable, Codable {
  /// The most deletes a plan may hold without `force`; nil means the default: 10 % of the
  /// in-scope remote aliases (rounded down), at least 3.
  public var maxDelete: Int?
  /// Allow more deletes than `maxDelete`.
  public var force: Bool
  /// Allow `prune` with no declared alias (which would delete everything in scope).
  public var allowEmpty: Bool

  public init(maxDelete: Int? = nil, force: Bool = false, allowEmpty: Bool = false) {
    self.maxDelete = maxDelete
    self.force = force
    self.allowEmpty = allowEmpty
  }

  /// The delete limit for a scope holding `inScopeCount` remote aliases.
  public func deleteLimit(inScopeCount: Int) -> Int {
    if let maxDelete { return max(0, maxDelete) }
    return max(3, inScopeCount / 10)
  }

  enum CodingKeys: String, CodingKey {
    case force
    case maxDelete = "max_delete"
    case allowEmpty = "allow_empty"
  }
}

extension PlanOptions {
  /// These options with the choices a saved plan was made with taken in (a limit or switch
  /// given now still wins).
  public func adopting(_ saved: PlanOptions) -> PlanOptions {
    PlanOptions(
      maxDelete: maxDelete ?? saved.maxDelete, force: force || saved.force,
      allowEmpty: allowEmpty || saved.allowEmpty)
  }
}
