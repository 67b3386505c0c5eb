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
  /// Whether the plan carries its desired content (`Plan.desired`): JSON output, plan files
  /// and apply read it; a text plan that is not saved does not (100,000 aliases: ~6 MB).
  public var recordsDesired: Bool

  public init(recordsDesired: Bool = true) {
    self.recordsDesired = recordsDesired
  }

  /// The plan from `desired` to what `remote` holds.
  public func plan(desired: DesiredState, remote: RemoteState, options: PlanOptions = PlanOptions()) -> Plan {
    plan(desired: desired, remote: remote.aliases, options: options)
  }

  /// The plan from `desired` to these remote aliases (a remote of aliases only).
  public func plan(desired: DesiredState, remote: [Alias], options: PlanOptions = PlanOptions()) -> Plan {
    let ownership = desired.ownership()
    let inScope = remote.filter { ownership.owns($0.name) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    // Aliases of one name are adjacent in `inScope`: each name maps to where its run starts.
    var runStart: [String: Int] = [:]
    runStart.reserveCapacity(inScope.count)
    for (i, alias) in inScope.enumerated() where i == 0 || inScope[i - 1].name != alias.name {
      runStart[alias.name] = i
    }
    /// The indices in `inScope` of the aliases named `name` (sorted by id).
    func named(_ name: String) -> Range<Int>? {
      guard let start = runStart[name] else { return nil }
      var end = start + 1
      while end < inScope.count, inScope[end].name == name { end += 1 }
      return start..<end
    }
    // Sorted once: the diff, the fingerprint and the plan's desired content all take this order.
    // Indices, not copies: an `AliasSpec` is large, and the planner only reads it.
    let specs = desired.aliases
    let sortedOrder = specs.indices.sorted { specs[$0].name < specs[$1].name }
    // The first of each name (duplicates are adjacent once sorted).
    var declared: [Int] = []
    declared.reserveCapacity(sortedOrder.count)
    for i in sortedOrder where declared.last.map({ specs[$0].name != specs[i].name }) ?? true {
      declared.append(i)
    }
    var declaredNames: Set<String>?  // built only when a `renamed_from` needs it
    func isDeclared(_ name: String) -> Bool {
      if declaredNames == nil { declaredNames = Set(declared.lazy.map { specs[$0].name }) }
      return declaredNames?.contains(name) ?? false
    }

    var changes: [AliasChange] = []
    var unchanged: [String] = []
    var notes: [String] = []
    var claimed = Set<String>()  // remote ids a declared alias has taken
    claimed.reserveCapacity(min(inScope.count, declared.count))
    var renamed = Set<String>()  // declared names that are renames
    func firstUnclaimed(_ range: Range<Int>) -> Int? {
      range.first { !claimed.contains(inScope[$0].id) }
    }

    // Pass 1: renames, for declared names absent remotely.
    for index in declared where runStart[specs[index].name] == nil && !specs[index].renamedFrom.isEmpty {
      let spec = specs[index]
      let candidates = spec.renamedFrom.filter { runStart[$0] != nil }
      guard
        let source = candidates.first(where: { name in
          named(name).flatMap(firstUnclaimed) != nil
        }), let at = named(source).flatMap(firstUnclaimed)
      else {
        continue
      }
      let alias = inScope[at]
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
    for index in declared {
      let name = specs[index].name
      if !renamed.isEmpty, renamed.contains(name) { continue }
      let want = AliasContent(description: specs[index].description, models: specs[index].models)
      let range = named(name)
      if let range, let first = firstUnclaimed(range) {
        let remoteNamed = range.count == 1 ? 1 : range.count { !claimed.contains(inScope[$0].id) }
        let current = inScope[first]
        claimed.insert(current.id)
        let have = AliasContent(current)
        var changeNotes: [String] = []
        for old in specs[index].renamedFrom where runStart[old] != nil && !isDeclared(old) {
          changeNotes.append(
            "both \(name) and its old name \(old) exist: \(name) is kept, "
              + "\(old) is left to the prune rules")
        }
        if remoteNamed > 1 {
          changeNotes.append("the remote holds \(remoteNamed) aliases named \(name)")
        }
        if have == want {
          unchanged.append(name)
          notes.append(contentsOf: changeNotes)
        } else {
          var change = AliasChange(action: .update, name: name, id: current.id, before: have, after: want)
          change.notes = changeNotes
          changes.append(change)
        }
      } else {
        changes.append(AliasChange(action: .create, name: name, after: want))
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
        desired: desired, sortedOrder: sortedOrder, sortedRemote: inScope, targets: options.targets),
      remoteSnapshot: inScope,
      options: options, deleteLimit: limit)
    if recordsDesired { plan.desired = PlanDesiredContent(desired, sortedOrder: sortedOrder) }
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
