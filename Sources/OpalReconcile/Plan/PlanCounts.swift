/// How many changes of each kind a plan holds.
public struct PlanCounts: Hashable, Sendable, Codable {
  public var create: Int
  public var update: Int
  public var rename: Int
  public var delete: Int
  public var unchanged: Int

  public init(create: Int = 0, update: Int = 0, rename: Int = 0, delete: Int = 0, unchanged: Int = 0) {
    self.create = create
    self.update = update
    self.rename = rename
    self.delete = delete
    self.unchanged = unchanged
  }

  public init(changes: [AliasChange], unchanged: Int) {
    self.init(unchanged: unchanged)
    for change in changes {
      switch change.action {
      case .create: create += 1
      case .update: update += 1
      case .rename: rename += 1
      case .delete: delete += 1
      }
    }
  }

  /// Changes to make (no-ops not counted).
  public var total: Int { create + update + rename + delete }

  /// "Plan: 2 to create, 1 to update, 1 to rename, 0 to delete." or the no-change sentence.
  public var summarySentence: String {
    if total == 0 { return "No changes. The remote matches the configuration." }
    return "Plan: \(create) to create, \(update) to update, \(rename) to rename, \(delete) to delete."
  }
}
