import OpalConfig
import OpalCore
import OpperAPI

/// Plans the way back from the remote as it is now to a snapshot (SPEC §15), touching only the
/// resources the snapshot holds.
///
/// Aliases go through the ordinary `Planner`, with the snapshot as the desired state: its names
/// are the scope (and nothing else), prune is on, each alias that existed is declared with its
/// old content (a renamed one with the new name as `renamed_from`, so it is renamed back and
/// keeps its id), and `scope.protect` as it was. So the rollback has the plan's change kinds,
/// fingerprint, renderers and safety rails: protected names are never deleted and more deletes
/// than the limit are refused without `force`. An alias that someone changed since the apply
/// (it holds neither its old content nor what the apply wrote) is named, and the plan refused
/// without `force`. Routes are put back with the server's own operations (`RouteRestore`);
/// custom models with a `CustomModelPlan` (`CustomModelRollbackPlanner`) under the same rules:
/// their deletes count toward the delete limit and a model changed since is refused too.
public struct RollbackPlanner: Sendable {
  public init() {}

  /// `customModels`: the remote custom models (nil when not read: the snapshot's are left
  /// alone); `keys`: the keys a re-create may send.
  public func plan(
    _ snapshot: Snapshot, aliases remote: [Alias], routes: [RemoteRoute]?, customModels: [CustomModel]? = nil,
    keys: RollbackKeys = RollbackKeys(), options: PlanOptions
  ) -> RollbackPlan {
    var (plan, moved) = aliasPlan(snapshot, remote: remote, options: options)
    var leftAlone: [String] = []
    var restores: [RouteRestore] = []
    if !snapshot.routes.isEmpty, let routes {
      let routePlan = routePlan(snapshot, live: routes, restores: &restores, leftAlone: &leftAlone)
      plan.attach(routes: routePlan)
    }
    if let custom = snapshot.customModels, !custom.isEmpty {
      if let customModels {
        let planner = CustomModelRollbackPlanner(
          protect: GlobSet(snapshot.protect.compactMap { try? Glob($0) }), keys: keys)
        let (modelPlan, movedModels) = planner.plan(custom, remote: customModels)
        plan.attach(customModels: modelPlan)
        plan.countCustomModelDeletes()
        moved += movedModels.map { "custom model \($0)" }
      } else {
        leftAlone.append(
          "\(custom.count) custom model\(custom.count == 1 ? "" : "s") in the snapshot: not read, "
            + "left as \(custom.count == 1 ? "it is" : "they are")")
      }
    }
    refuseMoved(moved, in: &plan, options: options)
    plan.notes += leftAlone
    return RollbackPlan(plan: plan, routeRestores: restores, leftAlone: leftAlone)
  }

  /// The alias half: the snapshot as a desired state, planned against the remote, and the
  /// aliases changed since the snapshot.
  private func aliasPlan(_ snapshot: Snapshot, remote: [Alias], options: PlanOptions) -> (Plan, [String]) {
    var renamedFrom: [String: [String]] = [:]
    for entry in snapshot.aliases {
      if let newName = entry.renamedTo { renamedFrom[entry.name, default: []].append(newName) }
    }
    let declared = snapshot.aliases.compactMap { entry in
      entry.before.map {
        AliasSpec(
          name: entry.name, description: $0.description, models: $0.models,
          renamedFrom: renamedFrom[entry.name] ?? [])
      }
    }
    let protect = GlobSet(snapshot.protect.compactMap { try? Glob($0) })
    let desired = DesiredState(
      scope: Scope(include: .literal(snapshot.aliases.map(\.name)), protect: protect), prune: true,
      aliases: declared)
    var planOptions = options
    planOptions.allowEmpty = true  // a snapshot of creates only declares nothing: deleting them is the point
    planOptions.targets = []
    var plan = Planner().plan(desired: desired, remote: remote, options: planOptions)
    plan.options = options  // the commands printed as hints carry what was asked, nothing implied

    let current = Dictionary(remote.map { ($0.name, AliasContent($0)) }, uniquingKeysWith: { a, _ in a })
    var moved: [String] = []
    for entry in snapshot.aliases {
      let now = current[entry.name]
      if now != entry.before && now != entry.after { moved.append(entry.name) }
    }
    return (plan, moved)
  }

  /// Names what changed on the remote since the snapshot and, without `force`, refuses the plan.
  private func refuseMoved(_ moved: [String], in plan: inout Plan, options: PlanOptions) {
    guard !moved.isEmpty else { return }
    plan.notes.append(
      "changed on the remote since the snapshot (neither what it held before the apply nor what the "
        + "apply wrote): \(moved.joined(separator: ", ")); rolling back overwrites that change")
    if !options.force && plan.refusal == nil {
      plan.refusal = PlanRefusal(
        rule: .changedSinceSnapshot,
        reason: "\(moved.joined(separator: ", ")) changed on the remote since the snapshot was taken",
        hint: "see what they hold with `opal plan`; to roll back anyway, run again with --force")
    }
  }

  /// The route half: each snapshot route's way back, shown as a route change.
  private func routePlan(
    _ snapshot: Snapshot, live: [RemoteRoute], restores: inout [RouteRestore], leftAlone: inout [String]
  ) -> RoutePlan {
    let byName = Dictionary(live.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var changes: [RouteChange] = []
    var unchanged: [String] = []
    var seen: [RemoteRoute] = []
    for entry in snapshot.routes {
      let now = byName[entry.name]
      if let now { seen.append(now) }
      func add(_ action: RouteChange.Action, _ step: RouteRestore.Step, after: RouteContent?) {
        let restore = RouteRestore(name: entry.name, step: step)
        restores.append(restore)
        changes.append(
          RouteChange(
            action: action, name: entry.name, before: now, after: after,
            notes: ["rolled back with \(restore.summary)"]))
      }
      switch (entry.before, now) {
      case (nil, nil):
        unchanged.append(entry.name)
      case (nil, .some):
        add(.delete, .delete, after: nil)
      case (let before?, nil):
        guard let graph = before.activeGraph else {
          leftAlone.append("route \(entry.name) is gone and had nothing live before: left alone")
          continue
        }
        add(
          .create, .recreate(graph: graph, description: before.description),
          after: RouteContent(graph: graph, description: before.description))
      case (let before?, let now?):
        if now.uuid != before.uuid {
          leftAlone.append(
            "route \(entry.name) was deleted and created again since the snapshot (another uuid): left alone")
        } else if now.activeVersionNumber == before.activeVersionNumber {
          unchanged.append(entry.name)
        } else if before.activeVersionNumber == 0 {
          add(.update, .undeploy, after: RouteContent(graph: .null, description: before.description))
        } else {
          add(
            .update, .rollback(toVersion: before.activeVersionNumber),
            after: RouteContent(graph: before.activeGraph ?? .null, description: before.description))
        }
      }
    }
    return RoutePlan(changes: changes, unchanged: unchanged, remoteSnapshot: seen)
  }
}

extension RouteContent {
  /// What a route held, from a snapshot: its graph and description, no tests.
  init(graph: JSONValue, description: String?) {
    self.graph = graph
    self.description = description
    tests = []
  }
}
