/// `plan --base REF` (SPEC §12): the changes the config at REF would make too are drift, made
/// outside opal since REF, which the pull request reverts; the rest are the pull request's own.
public enum DriftMarker {
  /// The note each drift change carries.
  public static func note(_ revision: String) -> String {
    "changed outside opal since \(revision): this PR reverts it"
  }

  /// Marks the changes of `plan` that `base` (the plan of the config at `revision` against the
  /// same remote) holds too: same action, name, old name and desired content.
  public static func mark(_ plan: inout Plan, base: Plan, revision: String) {
    struct Key: Hashable {
      var action: AliasChange.Action
      var name: String
      var oldName: String?
      var after: AliasContent?
    }
    let baseKeys = Set(
      base.changes.map { Key(action: $0.action, name: $0.name, oldName: $0.oldName, after: $0.after) })
    for i in plan.changes.indices {
      let change = plan.changes[i]
      guard
        baseKeys.contains(
          Key(action: change.action, name: change.name, oldName: change.oldName, after: change.after))
      else { continue }
      plan.changes[i].isDrift = true
      plan.changes[i].notes.append(note(revision))
    }
    plan.baseRevision = revision
  }
}
