import OpalConfig
import OpalCore
import OpperAPI

/// Diffs the desired state against the remote aliases it owns and produces a `Plan`.
///
/// Only remote aliases the state owns (`DesiredState.owns`) are looked at. For each declared
/// alias: renamed (when the remote lacks its name but holds one of its `renamed_from` names),
/// updated (when content differs), created (when absent) or left alone. In-scope remote
/// aliases nobody claims are deleted when `prune` is on, unless `scope.protect` matches them.
/// The result is deterministic: changes sorted by name, then action.
public struct Planner: Sendable {
  public init() {}

  /// The plan from `desired` to what `remote` holds.
  public func plan(desired: DesiredState, remote: RemoteState, options: PlanOptions = PlanOptions()) -> Plan {
    plan(desired: desired, remote: remote.aliases, options: options)
  }

  /// The plan from `desired` to these remote aliases (a remote of aliases only).
  public func plan(desired: DesiredState, remote: [Alias], options: PlanOptions = PlanOptions()) -> Plan {
    let ownership = desired.ownership()
    let inScope = remote.filter { ownership.owns($0.name) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    var byName: [String: [Alias]] = [:]
    for alias in inScope { byName[alias.name, default: []].append(alias) }
    // Sorted once: the diff, the fingerprint and the plan's desired content all take this order.
    let sortedAliases = desired.aliases.sorted { $0.name < $1.name }
    var seen = Set<String>()
    let declared = sortedAliases.filter { seen.insert($0.name).inserted }

    var changes: [AliasChange] = []
    var unchanged: [String] = []
    var notes: [String] = []
    var claimed = Set<String>()  // remote ids a declared alias has taken
    var renamed = Set<String>()  // declared names that are renames

    // Pass 1: renames, for declared names absent remotely.
    for spec in declared where byName[spec.name] == nil {
      let candidates = spec.renamedFrom.filter { byName[$0] != nil }
      guard
        let source = candidates.first(where: { name in
          byName[name]?.contains { !claimed.contains($0.id) } ?? false
        }), let alias = byName[source]?.first(where: { !claimed.contains($0.id) })
      else {
        continue
      }
      claimed.insert(alias.id)
      renamed.insert(spec.name)
      var change = AliasChange(
        action: .rename, name: spec.name, id: alias.id, oldName: alias.name,
        before: AliasContent(alias), after: AliasContent(spec))
      for other in candidates where other != source {
        change.notes.append(
          "\(other) is also an old name of \(spec.name) and still exists; it is left to the prune rules")
      }
      changes.append(change)
    }

    // Pass 2: updates, creates and no-ops.
    for spec in declared where !renamed.contains(spec.name) {
      let want = AliasContent(spec)
      let remoteNamed = (byName[spec.name] ?? []).filter { !claimed.contains($0.id) }
      if let current = remoteNamed.first {
        claimed.insert(current.id)
        let have = AliasContent(current)
        var change = AliasChange(action: .update, name: spec.name, id: current.id, before: have, after: want)
        for old in spec.renamedFrom where byName[old] != nil && !declared.contains(where: { $0.name == old })
        {
          change.notes.append(
            "both \(spec.name) and its old name \(old) exist: \(spec.name) is kept, "
              + "\(old) is left to the prune rules")
        }
        if remoteNamed.count > 1 {
          change.notes.append("the remote holds \(remoteNamed.count) aliases named \(spec.name)")
        }
        if have == want {
          unchanged.append(spec.name)
          notes.append(contentsOf: change.notes)
        } else {
          changes.append(change)
        }
      } else {
        changes.append(AliasChange(action: .create, name: spec.name, after: want))
      }
    }

    // In-scope remote aliases nobody claimed: deleted with prune, unless protected.
    var undeclared: [String] = []
    var protectedKept = Set<String>()
    for alias in inScope where !claimed.contains(alias.id) {
      if !desired.prune {
        undeclared.append(alias.name)
        continue
      }
      if desired.isProtected(alias.name) {
        if protectedKept.insert(alias.name).inserted {
          notes.append("\(alias.name) is no longer declared but matches scope.protect: it is kept")
        }
        continue
      }
      changes.append(
        AliasChange(action: .delete, name: alias.name, id: alias.id, before: AliasContent(alias)))
    }
    Self.noteLikelyRenames(&changes)
    if !options.targets.isEmpty, let targets = try? GlobSet(patterns: options.targets) {
      // --target: only these aliases (by new or old name); the rest of the diff is left out.
      changes = changes.filter { targets.matches($0.name) || ($0.oldName.map(targets.matches) ?? false) }
      unchanged = unchanged.filter(targets.matches)
      undeclared = undeclared.filter(targets.matches)
    }

    changes.sort { a, b in
      if a.name != b.name { return a.name < b.name }
      return Self.rank(a.action) < Self.rank(b.action)
    }
    let limit = options.deleteLimit(inScopeCount: inScope.count)
    var plan = Plan(
      changes: changes, unchanged: unchanged.sorted(), notes: notes,
      refusal: Self.refusal(
        desired: desired, changes: changes, limit: limit, inScope: inScope.count,
        options: options),
      fingerprint: Fingerprint(
        desired: desired, sortedAliases: sortedAliases, sortedRemote: inScope, targets: options.targets),
      remoteSnapshot: inScope,
      options: options, deleteLimit: limit)
    plan.desired = PlanDesiredContent(desired, sortedAliases: sortedAliases)
    plan.undeclaredInScope = undeclared
    return plan
  }

  /// A create whose content is exactly that of an alias this plan deletes is most likely a
  /// rename written as delete + create: say so on the create.
  static func noteLikelyRenames(_ changes: inout [AliasChange]) {
    var deleted: [AliasContent: String] = [:]
    for change in changes where change.action == .delete {
      if let before = change.before, deleted[before] == nil { deleted[before] = change.name }
    }
    guard !deleted.isEmpty else { return }
    for i in changes.indices where changes[i].action == .create {
      guard let after = changes[i].after, let old = deleted[after] else { continue }
      changes[i].notes.append(
        "same content as \(old), which this plan deletes: did you mean `renamed_from: [\(old)]`? "
          + "(a rename keeps the alias's id)")
    }
  }

  private static func rank(_ action: AliasChange.Action) -> Int {
    switch action {
    case .rename: 0
    case .delete: 1
    case .create: 2
    case .update: 3
    }
  }

  private static func refusal(
    desired: DesiredState, changes: [AliasChange], limit: Int, inScope: Int, options: PlanOptions
  ) -> PlanRefusal? {
    if desired.prune, desired.aliases.isEmpty, !options.allowEmpty {
      return PlanRefusal(
        rule: .emptyPrune,
        reason: "prune is on and the configuration declares no alias: every alias in scope would be deleted",
        hint: "if that is really wanted, run again with --allow-empty")
    }
    let protectedRenames = changes.filter { $0.action == .rename && desired.isProtected($0.oldName ?? "") }
    if let first = protectedRenames.first, !options.force {
      let names = protectedRenames.compactMap(\.oldName).joined(separator: ", ")
      return PlanRefusal(
        rule: .protectedRename,
        reason:
          "the plan renames \(names), which scope.protect covers: \(first.oldName ?? "") would stop existing",
        hint: "if the rename is intended, run again with --force")
    }
    let deletes = changes.count { $0.action == .delete }
    if deletes > limit, !options.force {
      let how =
        options.maxDelete == nil
        ? "the default limit of \(limit) (10 % of \(inScope) in-scope aliases, at least 3)"
        : "--max-delete \(limit)"
      return PlanRefusal(
        rule: .tooManyDeletes,
        reason: "the plan deletes \(deletes) aliases, more than \(how)",
        hint: "check the scope and the file; to go ahead, raise --max-delete or pass --force")
    }
    return nil
  }
}
