import OpalCore

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
