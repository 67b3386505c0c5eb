import OpalCore
import OpperAPI

/// Carries out a `RollbackPlan` in apply's order: the custom-model creates and updates first
/// (a model the apply deleted exists again before the aliases that need it), then the alias
/// changes with the `Applier` (renames, then creates and updates, deletes last; never
/// duplicating; a refused plan is not applied at all; an alias whose chain names a model whose
/// re-create failed is skipped), then the route restores with the server's rollback, and the
/// custom-model deletes last (after the aliases that named them were rolled back). The result
/// is an ordinary apply report.
public struct SnapshotRollback: Sendable {
  let applier: Applier
  let routes: (any DynamicRoutesAPI)?
  let customModels: CustomModelApplier?
  let note: String

  /// - Parameters:
  ///   - customModels: the applier of the custom-model half (nil: it is not started).
  ///   - note: the release note of route versions the rollback makes.
  public init(
    applier: Applier, routes: (any DynamicRoutesAPI)?, customModels: CustomModelApplier? = nil, note: String
  ) {
    self.applier = applier
    self.routes = routes
    self.customModels = customModels
    self.note = note
  }

  public func run(_ rollback: RollbackPlan) async -> ApplyReport {
    let modelPlan = rollback.plan.customModels.flatMap { $0.hasChanges ? $0 : nil }
    let refused = rollback.plan.refusal != nil
    var modelResults: [CustomModelApplyResult] = []
    if let modelPlan {
      if let customModels, !refused {
        modelResults = await customModels.applyWrites(modelPlan)
      } else {
        modelResults = CustomModelApplier.notStarted(modelPlan.writes)
      }
    }
    let unavailable = UnavailableCustomModels(modelResults)
    let (plan, skipped, _) = unavailable.split(rollback.plan)
    var report = await applier.apply(plan)
    report.results += skipped
    if !rollback.routeRestores.isEmpty {
      if let routes, !refused, !report.interrupted {
        report.routes = await RouteRestorer(api: routes, note: note).restore(rollback.routeRestores)
      } else {
        report.routes = rollback.routeRestores.map {
          RouteApplyResult(
            name: $0.name, action: .update, outcome: .notStarted,
            message: routes == nil ? "no management key: routes cannot be rolled back" : nil)
        }
      }
    }
    if let modelPlan {
      if let customModels, !refused, !report.interrupted, !Task.isCancelled {
        modelResults += await customModels.applyDeletes(modelPlan)
      } else {
        modelResults += CustomModelApplier.notStarted(modelPlan.deletes)
      }
      report.customModels = modelResults
    }
    return report
  }
}
