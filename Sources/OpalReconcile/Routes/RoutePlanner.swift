import OpalConfig
import OpalCore

/// Diffs the declared routes against the remote routes the file owns (SPEC §13): create when
/// absent, update when the **active** version's graph or the description differs (or nothing is
/// live), delete in-scope undeclared routes with `prune` unless protected. A rename is a delete +
/// create and is said so. Nothing is written.
public struct RoutePlanner: Sendable {
  public init() {}

  public func plan(desired: DesiredState, remote: [RemoteRoute]) -> RoutePlan {
    let ownership = desired.routeOwnership()
    let inScope = remote.filter { ownership.owns($0.name) }.sorted { $0.name < $1.name }
    let byName = Dictionary(inScope.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var changes: [RouteChange] = []
    var unchanged: [String] = []
    var notes: [String] = []
    for spec in desired.routes.sorted(by: { $0.name < $1.name }) {
      let want = RouteContent(spec)
      guard let have = byName[spec.name] else {
        changes.append(RouteChange(action: .create, name: spec.name, after: want))
        continue
      }
      var change = RouteChange(action: .update, name: spec.name, before: have, after: want)
      if have.activeVersionNumber == 0 {
        change.notes.append(
          have.draftRevision > 0 && have.draftDirty
            ? "\(spec.name) is not deployed (never, or undeployed): apply deploys it"
            : "\(spec.name) has never been deployed: apply deploys it")
      }
      if have.draftDirty && have.activeVersionNumber > 0 {
        change.notes.append(
          "\(spec.name) has an undeployed draft edited outside opal (draft_dirty): apply overwrites it")
      }
      let live = have.activeGraph == want.graph && (have.description ?? "") == (want.description ?? "")
      if live && have.activeVersionNumber > 0 {
        unchanged.append(spec.name)
        if have.draftDirty {
          notes.append(
            "\(spec.name) is live as declared, but its draft was edited outside opal (draft_dirty); opal leaves the draft alone"
          )
        }
      } else {
        changes.append(change)
      }
    }
    let pruned = PruneSelection(
      inScope: inScope, declared: Set(desired.routes.map(\.name)), desired: desired, noun: "route",
      name: \.name)
    notes += pruned.notes
    for route in pruned.deletes {
      changes.append(
        RouteChange(
          action: .delete, name: route.name, before: route,
          notes: [
            "calls to dynamic/\(route.name) fail once it is deleted; a rename is this delete plus a create"
          ]))
    }
    changes.sort { a, b in
      a.action == b.action ? a.name < b.name : Self.rank(a.action) < Self.rank(b.action)
    }
    return RoutePlan(changes: changes, unchanged: unchanged, notes: notes, remoteSnapshot: inScope)
  }

  private static func rank(_ action: RouteChange.Action) -> Int {
    switch action {
    case .create: 0
    case .update: 1
    case .delete: 2
    }
  }
}
