import OpalCore

/// One alias in a snapshot: what it held before the apply (`before`, nil when it did not exist:
/// a rollback deletes it) and what the apply was about to make it (`after`, nil when the apply
/// deletes it or renames it away), so a rollback can tell "changed by someone else since" apart
/// from "as the apply left it".
public struct SnapshotAlias: Hashable, Sendable, Codable {
  public var name: String
  /// The remote id before the apply (nil when absent).
  public var id: String?
  public var before: AliasContent?
  public var after: AliasContent?
  /// Set on the old name of a rename: the name the apply gives it (a rollback renames it back).
  public var renamedTo: String?

  public init(
    name: String, id: String? = nil, before: AliasContent?, after: AliasContent?, renamedTo: String? = nil
  ) {
    self.name = name
    self.id = id
    self.before = before
    self.after = after
    self.renamedTo = renamedTo
  }

  enum CodingKeys: String, CodingKey {
    case name, id, before, after
    case renamedTo = "renamed_to"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(id, forKey: .id)
    // Always present: `null` says "did not exist", which is what a rollback acts on.
    try c.encode(before, forKey: .before)
    try c.encode(after, forKey: .after)
    try c.encodeIfPresent(renamedTo, forKey: .renamedTo)
  }
}

/// One dynamic route in a snapshot: its identity and active version before the apply (nil when
/// it did not exist: a rollback deletes it), with the live graph so a deleted route can be made
/// again. A rollback uses the server's rollback to `activeVersionNumber`.
public struct SnapshotRoute: Hashable, Sendable, Codable {
  /// What the route was before the apply.
  public struct State: Hashable, Sendable, Codable {
    public var uuid: String
    /// 0: it existed with nothing deployed.
    public var activeVersionNumber: Int
    public var draftRevision: Int
    public var description: String?
    public var activeGraph: JSONValue?

    public init(_ route: RemoteRoute) {
      uuid = route.uuid
      activeVersionNumber = route.activeVersionNumber
      draftRevision = route.draftRevision
      description = route.description
      activeGraph = route.activeGraph
    }

    enum CodingKeys: String, CodingKey {
      case uuid, description
      case activeVersionNumber = "active_version_number"
      case draftRevision = "draft_revision"
      case activeGraph = "active_graph"
    }
  }

  public var name: String
  public var before: State?

  public init(name: String, before: State?) {
    self.name = name
    self.before = before
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(before, forKey: .before)
  }

  enum CodingKeys: String, CodingKey { case name, before }
}

/// One custom model in a snapshot (SPEC §15), never with its key: the API keeps keys write-only
/// and a snapshot is a file on disk. The extension point for custom models as code: their plan
/// adds entries here (`Snapshot.init(plan:…)`), and `RollbackPlanner` plans them back like
/// aliases (created before the aliases that use them, deleted after). Until then a snapshot
/// holding some is read, and the rollback says they are left alone.
public struct SnapshotCustomModel: Hashable, Sendable, Codable {
  /// What the custom model was before the apply.
  public struct State: Hashable, Sendable, Codable {
    public var identifier: String
    public var extra: JSONValue?

    public init(identifier: String, extra: JSONValue? = nil) {
      self.identifier = identifier
      self.extra = extra
    }
  }

  public var name: String
  public var before: State?
  public var after: State?

  public init(name: String, before: State?, after: State?) {
    self.name = name
    self.before = before
    self.after = after
  }
}
