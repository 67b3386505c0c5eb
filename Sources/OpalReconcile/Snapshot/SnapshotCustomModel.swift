import OpalCore

/// One custom model in a snapshot (SPEC §15): its remote id and content (`identifier`, `extra`)
/// before the apply (`before`, nil when it did not exist: a rollback deletes it) and what the
/// apply was about to make it (`after`, nil when the apply deletes it), never its key: the API
/// keeps keys write-only and a snapshot is a file on disk. `RollbackPlanner` plans them back
/// like aliases: re-created and updated before the aliases that name them, deleted after.
public struct SnapshotCustomModel: Hashable, Sendable, Codable {
  public var name: String
  /// The remote id before the apply (nil when absent).
  public var id: String?
  public var before: CustomModelContent?
  public var after: CustomModelContent?

  public init(name: String, id: String? = nil, before: CustomModelContent?, after: CustomModelContent?) {
    self.name = name
    self.id = id
    self.before = before
    self.after = after
  }

  /// The entry of one planned change.
  public init(_ change: CustomModelChange) {
    self.init(name: change.name, id: change.id, before: change.before, after: change.after)
  }

  enum CodingKeys: String, CodingKey { case name, id, before, after }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(id, forKey: .id)
    // Always present: `null` says "did not exist" (or "deleted"), which is what a rollback acts on.
    try c.encode(before, forKey: .before)
    try c.encode(after, forKey: .after)
  }
}
