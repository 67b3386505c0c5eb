import OpperAPI

/// One change a plan makes to one alias: what it is now (`before`) and what it becomes (`after`).
public struct AliasChange: Hashable, Sendable {
  /// The kind of change.
  public enum Action: String, Hashable, Sendable, Codable, CaseIterable {
    case create, update, rename, delete

    /// The symbol the text renderer puts before the name.
    public var symbol: String {
      switch self {
      case .create: "+"
      case .update: "~"
      case .rename: "→"
      case .delete: "-"
      }
    }
  }

  public var action: Action
  /// The alias's name once the change is made (for a delete: the name deleted).
  public var name: String
  /// The remote alias's id (nil for a create).
  public var id: String?
  /// The remote name a rename starts from.
  public var oldName: String?
  /// The remote content (nil for a create).
  public var before: AliasContent?
  /// The desired content (nil for a delete).
  public var after: AliasContent?
  /// Things a reviewer should know about this change.
  public var notes: [String]
  /// True when the config at the base revision (`plan --base`) would make this same change:
  /// the remote was changed outside opal since then, and this change reverts that.
  public var isDrift = false
  /// What each hop costs before and after, from the catalog (nil when no v3 catalog was read).
  public var pricing: ChainPricing?

  public init(
    action: Action, name: String, id: String? = nil, oldName: String? = nil,
    before: AliasContent? = nil, after: AliasContent? = nil, notes: [String] = [],
    pricing: ChainPricing? = nil
  ) {
    self.pricing = pricing
    self.action = action
    self.name = name
    self.id = id
    self.oldName = oldName
    self.before = before
    self.after = after
    self.notes = notes
  }

  /// True when the description differs between `before` and `after` (always for create/delete
  /// with a description).
  public var descriptionChanged: Bool { before?.description != after?.description }

  /// True when the chain differs (always for create and delete).
  public var chainChanged: Bool { before?.models != after?.models }

  /// The order-aware diff of the chain, hop by hop.
  public var chainDiff: [ChainHopChange] {
    ChainDiff.diff(old: before?.models ?? [], new: after?.models ?? [])
  }

  /// The first hop's change for an update or rename whose chain starts with another model; nil
  /// otherwise (a create or delete has no "before" or "after" chain to compare).
  public var primaryChange: PrimaryChange? {
    guard action == .update || action == .rename, let before, let after else { return nil }
    return ChainDiff.primary(old: before.models, new: after.models)
  }

  /// The body of the create request.
  public var createBody: AliasCreate? {
    guard action == .create, let after else { return nil }
    return AliasCreate(name: name, fallbackModels: after.models, description: after.description)
  }

  /// The body of the PATCH request: only the fields that change (the name for a rename).
  public var updateBody: AliasUpdate? {
    guard action == .update || action == .rename, let after else { return nil }
    var body = AliasUpdate()
    if action == .rename { body.name = name }
    if chainChanged { body.fallbackModels = after.models }
    if descriptionChanged { body.description = .some(after.description) }
    return body
  }

  /// The alias name the change is about, as a reader identifies it (`old → new` for a rename).
  public var displayName: String {
    if action == .rename, let oldName { return "\(oldName) → \(name)" }
    return name
  }
}

extension AliasChange: Codable {
  enum CodingKeys: String, CodingKey {
    case action, name, id, before, after, notes, description, chain, primary, pricing
    case isDrift = "drift"
    case oldName = "old_name"
  }

  /// The description's old and new value, as written in the JSON document.
  struct DescriptionDiff: Codable {
    var old: String?
    var new: String?
    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(old, forKey: .old)
      try c.encode(new, forKey: .new)
    }
    enum CodingKeys: String, CodingKey { case old, new }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    action = try c.decode(Action.self, forKey: .action)
    name = try c.decode(String.self, forKey: .name)
    id = try c.decodeIfPresent(String.self, forKey: .id)
    oldName = try c.decodeIfPresent(String.self, forKey: .oldName)
    before = try c.decodeIfPresent(AliasContent.self, forKey: .before)
    after = try c.decodeIfPresent(AliasContent.self, forKey: .after)
    notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    isDrift = try c.decodeIfPresent(Bool.self, forKey: .isDrift) ?? false
    pricing = try c.decodeIfPresent(ChainPricing.self, forKey: .pricing)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(action, forKey: .action)
    try c.encode(name, forKey: .name)
    try c.encode(id, forKey: .id)
    try c.encode(oldName, forKey: .oldName)
    try c.encode(before, forKey: .before)
    try c.encode(after, forKey: .after)
    // Derived, for readers of the document; ignored when a plan file is loaded back.
    try c.encode(
      descriptionChanged ? DescriptionDiff(old: before?.description, new: after?.description) : nil,
      forKey: .description)
    try c.encode(primaryChange, forKey: .primary)
    try c.encode(chainChanged ? chainDiff : nil, forKey: .chain)
    try c.encode(notes, forKey: .notes)
    try c.encode(isDrift, forKey: .isDrift)
    try c.encodeIfPresent(pricing, forKey: .pricing)
  }
}
