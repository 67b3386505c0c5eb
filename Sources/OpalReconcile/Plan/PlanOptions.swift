/// The switches a plan is made with: the safety rules of SPEC §4 and `--target`.
public struct PlanOptions: Hashable, Sendable, Codable {
  /// The most deletes a plan may hold without `force`; nil means the default: 10 % of the
  /// in-scope remote aliases (rounded down), at least 3.
  public var maxDelete: Int?
  /// Allow more deletes than `maxDelete`.
  public var force: Bool
  /// Allow `prune` with no declared alias (which would delete everything in scope).
  public var allowEmpty: Bool
  /// `--target` globs: when not empty, the plan holds only changes to aliases they match.
  public var targets: [String]
  /// `apply --rotate-keys [NAME…]`: nil sends no key to an existing custom model, an empty list
  /// sends every declared one's, else those named.
  public var rotateKeys: [String]?

  public init(
    maxDelete: Int? = nil, force: Bool = false, allowEmpty: Bool = false, targets: [String] = [],
    rotateKeys: [String]? = nil
  ) {
    self.rotateKeys = rotateKeys
    self.maxDelete = maxDelete
    self.force = force
    self.allowEmpty = allowEmpty
    self.targets = targets
  }

  /// The delete limit for a scope holding `inScopeCount` remote aliases.
  public func deleteLimit(inScopeCount: Int) -> Int {
    if let maxDelete { return max(0, maxDelete) }
    return max(3, inScopeCount / 10)
  }

  enum CodingKeys: String, CodingKey {
    case force, targets
    case maxDelete = "max_delete"
    case allowEmpty = "allow_empty"
    case rotateKeys = "rotate_keys"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      maxDelete: try c.decodeIfPresent(Int.self, forKey: .maxDelete),
      force: try c.decodeIfPresent(Bool.self, forKey: .force) ?? false,
      allowEmpty: try c.decodeIfPresent(Bool.self, forKey: .allowEmpty) ?? false,
      targets: try c.decodeIfPresent([String].self, forKey: .targets) ?? [],
      rotateKeys: try c.decodeIfPresent([String].self, forKey: .rotateKeys))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(maxDelete, forKey: .maxDelete)
    try c.encode(force, forKey: .force)
    try c.encode(allowEmpty, forKey: .allowEmpty)
    try c.encode(targets, forKey: .targets)
    try c.encodeIfPresent(rotateKeys, forKey: .rotateKeys)
  }
}

extension PlanOptions {
  /// These options with the choices a saved plan was made with taken in (a limit or switch
  /// given now still wins).
  public func adopting(_ saved: PlanOptions) -> PlanOptions {
    PlanOptions(
      maxDelete: maxDelete ?? saved.maxDelete, force: force || saved.force,
      allowEmpty: allowEmpty || saved.allowEmpty, targets: targets.isEmpty ? saved.targets : targets,
      rotateKeys: rotateKeys ?? saved.rotateKeys)
  }
}
