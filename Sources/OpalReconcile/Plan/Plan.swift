import OpalConfig
import OpperAPI

/// The changes that make the in-scope remote match the desired state, with what they were
/// computed from (fingerprint and remote snapshot), so a saved plan can be checked for staleness.
public struct Plan: Hashable, Sendable {
  /// The version of the JSON document (`format_version`), see docs/plan-format.md.
  public static let formatVersion = 1

  /// The changes, sorted by alias name.
  public var changes: [AliasChange]
  /// Declared aliases that already match (the no-ops), sorted.
  public var unchanged: [String]
  /// Things a reviewer should know that are not a change (protected names kept, ambiguities).
  public var notes: [String]
  /// Set when a safety rule forbids applying this plan.
  public var refusal: PlanRefusal?
  public var fingerprint: Fingerprint
  /// The in-scope remote aliases the plan was diffed against, sorted by name.
  public var remoteSnapshot: [Alias]
  /// The options the plan was made with.
  public var options: PlanOptions
  /// The delete limit that was applied.
  public var deleteLimit: Int
  /// The desired state the plan was made from (scope, prune, aliases; no smoke cases), so a
  /// saved plan can be applied without its config files.
  public var desired: PlanDesiredContent?
  /// The git revision the plan was compared with (`plan --base`), when it was.
  public var baseRevision: String?
  /// In-scope remote aliases the config does not declare, left alone because prune is off.
  public var undeclaredInScope: [String] = []
  /// The config paths the plan was made from, as given (`-f`), for the commands printed as hints.
  public var configPaths: [String] = []
  /// The route half (SPEC §13); nil when routes were not read (no management key and no
  /// `routes:`), so an alias-only plan reads and prints as before.
  public var routes: RoutePlan?
  /// The custom-model half (SPEC §15); nil when the config declares none and none is in scope,
  /// so a plan without custom models reads and prints as before.
  public var customModels: CustomModelPlan?

  public init(
    changes: [AliasChange], unchanged: [String] = [], notes: [String] = [], refusal: PlanRefusal? = nil,
    fingerprint: Fingerprint, remoteSnapshot: [Alias] = [], options: PlanOptions = PlanOptions(),
    deleteLimit: Int = 3
  ) {
    self.changes = changes
    self.unchanged = unchanged
    self.notes = notes
    self.refusal = refusal
    self.fingerprint = fingerprint
    self.remoteSnapshot = remoteSnapshot
    self.options = options
    self.deleteLimit = deleteLimit
  }

  public var counts: PlanCounts { PlanCounts(changes: changes, unchanged: unchanged.count) }

  /// "2 undeclared aliases in scope (prune is off): a, b" (at most 10 names), or nil.
  public var undeclaredSentence: String? {
    let names = undeclaredInScope
    guard !names.isEmpty else { return nil }
    let shown = names.prefix(10).joined(separator: ", ") + (names.count > 10 ? ", …" : "")
    return "\(names.count) undeclared alias\(names.count == 1 ? "" : "es") in scope (prune is off): \(shown)"
  }

  /// With `--base`: how many changes are drift and how many the config's own, or nil.
  public var driftSentence: String? {
    guard let baseRevision else { return nil }
    let drift = changes.count { $0.isDrift }
    let own = changes.count - drift
    return "compared with \(baseRevision): \(own) change\(own == 1 ? "" : "s") of this PR's own, "
      + "\(drift) drift (changed outside opal since \(baseRevision); this PR reverts \(drift == 1 ? "it" : "them"))"
  }

  /// True when applying would change something (aliases or routes).
  public var hasChanges: Bool {
    !changes.isEmpty || (routes?.hasChanges ?? false) || (customModels?.hasChanges ?? false)
  }

  /// Adds the route half and folds its fingerprint into the combined one.
  public mutating func attach(routes: RoutePlan) {
    self.routes = routes
    fingerprint.combined = Fingerprint.sha256Hex(
      "opal-plan-v1+routes\n\(fingerprint.desired)\n\(fingerprint.remote)\n\(routes.fingerprint)")
  }

  /// Adds the custom-model half and folds its fingerprint into the combined one.
  public mutating func attach(customModels: CustomModelPlan) {
    self.customModels = customModels
    fingerprint.combined = Fingerprint.sha256Hex(
      "opal-plan-v1+custom-models\n\(fingerprint.combined)\n\(customModels.fingerprint)")
  }

  public var isRefused: Bool { refusal != nil }

  /// The changes of one kind, in plan order.
  public func changes(_ action: AliasChange.Action) -> [AliasChange] {
    changes.filter { $0.action == action }
  }
}

extension Plan: Codable {
  enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version"
    case kind, fingerprint, summary, refusal, changes, unchanged, notes, options
    case deleteLimit = "delete_limit"
    case remoteSnapshot = "remote_snapshot"
    case desired
    case configPaths = "config_paths"
    case undeclaredInScope = "undeclared_in_scope"
    case baseRevision = "base"
    case routes
    case customModels = "custom_models"
  }

  /// `fingerprint` as written in the document (with the short form for readers).
  struct FingerprintDocument: Codable {
    var combined: String
    var short: String
    var desired: String
    var remote: String
  }

  /// `summary` as written in the document.
  struct SummaryDocument: Codable {
    var create, update, rename, delete, unchanged: Int
    var hasChanges: Bool
    var refused: Bool
    enum CodingKeys: String, CodingKey {
      case create, update, rename, delete, unchanged, refused
      case hasChanges = "has_changes"
    }
  }

  /// A remote alias as written in the snapshot (description always present, null when none).
  struct SnapshotAlias: Codable {
    var id: String
    var name: String
    var fallbackModels: [String]
    var description: String?
    enum CodingKeys: String, CodingKey {
      case id, name, description
      case fallbackModels = "fallback_models"
    }
    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(name, forKey: .name)
      try c.encode(fallbackModels, forKey: .fallbackModels)
      try c.encode(description, forKey: .description)
    }
  }

  /// Why a document cannot be read as a plan.
  public struct UnsupportedVersion: Error, CustomStringConvertible {
    public var found: Int
    public var description: String {
      "plan file has format_version \(found); this opal reads version \(Plan.formatVersion)"
    }
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let version = try c.decode(Int.self, forKey: .formatVersion)
    guard version == Plan.formatVersion else { throw UnsupportedVersion(found: version) }
    let fp = try c.decode(FingerprintDocument.self, forKey: .fingerprint)
    fingerprint = Fingerprint(desired: fp.desired, remote: fp.remote)
    fingerprint.combined = fp.combined
    changes = try c.decode([AliasChange].self, forKey: .changes)
    unchanged = try c.decodeIfPresent([String].self, forKey: .unchanged) ?? []
    notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    refusal = try c.decodeIfPresent(PlanRefusal.self, forKey: .refusal)
    remoteSnapshot = try c.decode([SnapshotAlias].self, forKey: .remoteSnapshot).map {
      Alias(id: $0.id, name: $0.name, fallbackModels: $0.fallbackModels, description: $0.description)
    }
    options = try c.decodeIfPresent(PlanOptions.self, forKey: .options) ?? PlanOptions()
    deleteLimit = try c.decodeIfPresent(Int.self, forKey: .deleteLimit) ?? 3
    configPaths = try c.decodeIfPresent([String].self, forKey: .configPaths) ?? []
    undeclaredInScope = try c.decodeIfPresent([String].self, forKey: .undeclaredInScope) ?? []
    baseRevision = try c.decodeIfPresent(String.self, forKey: .baseRevision)
    desired = try c.decodeIfPresent(PlanDesiredContent.self, forKey: .desired)
    routes = try c.decodeIfPresent(RoutePlan.self, forKey: .routes)
    customModels = try c.decodeIfPresent(CustomModelPlan.self, forKey: .customModels)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(Plan.formatVersion, forKey: .formatVersion)
    try c.encode("opal-plan", forKey: .kind)
    try c.encode(
      FingerprintDocument(
        combined: fingerprint.combined, short: fingerprint.short, desired: fingerprint.desired,
        remote: fingerprint.remote),
      forKey: .fingerprint)
    let n = counts
    try c.encode(
      SummaryDocument(
        create: n.create, update: n.update, rename: n.rename, delete: n.delete, unchanged: n.unchanged,
        hasChanges: hasChanges, refused: isRefused),
      forKey: .summary)
    try c.encode(refusal, forKey: .refusal)
    try c.encode(changes, forKey: .changes)
    try c.encode(unchanged, forKey: .unchanged)
    try c.encode(notes, forKey: .notes)
    try c.encode(options, forKey: .options)
    try c.encode(deleteLimit, forKey: .deleteLimit)
    try c.encode(
      remoteSnapshot.map {
        SnapshotAlias(
          id: $0.id, name: $0.name, fallbackModels: $0.fallbackModels, description: $0.description)
      },
      forKey: .remoteSnapshot)
    try c.encode(desired, forKey: .desired)
    try c.encode(configPaths, forKey: .configPaths)
    try c.encode(undeclaredInScope, forKey: .undeclaredInScope)
    try c.encode(baseRevision, forKey: .baseRevision)
    try c.encodeIfPresent(routes, forKey: .routes)
    try c.encodeIfPresent(customModels, forKey: .customModels)
  }

  /// The exact commands to print as hints for this plan.
  public var commands: PlanCommands { PlanCommands(self) }
}
