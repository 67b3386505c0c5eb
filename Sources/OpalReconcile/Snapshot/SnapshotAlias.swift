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
