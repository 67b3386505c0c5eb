import OpalCore
import OpperAPI

/// Carries out a `RollbackPlan`: the alias changes with the `Applier` (renames, then creates
/// and updates, deletes last; never duplicating; a refused plan is not applied at all), then
/// the route restores with the server's rollback. The result is an ordinary apply report.
public struct SnapshotRollback: Sendable {
  let applier: Applier
  let routes: (any DynamicRoutesAPI)?
  let note: String

  /// - Parameter note: the release note of route versions the rollback makes.
  public init(applier: Applier, routes: (any DynamicRoutesAPI)?, note: String) {
    self.applier = applier
    self.routes = routes
    self.note = note
  }

  public func run(_ rollback: RollbackPlan) async -> ApplyReport {
    var report = await applier.apply(rollback.plan)
    guard !rollback.routeRestores.isEmpty else { return report }
    if let routes, rollback.plan.refusal == nil, !report.interrupted {
      report.routes = await RouteRestorer(api: routes, note: note).restore(rollback.routeRestores)
    } else {
      report.routes = rollback.routeRestores.map {
        RouteApplyResult(
          name: $0.name, action: .update, outcome: .notStarted,
          message: routes == nil ? "no management key: routes cannot be rolled back" : nil)
      }
    }
    return report
  }
}
