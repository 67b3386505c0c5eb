/// The way back to a snapshot: a `Plan` of alias changes (shown by the plan renderers, applied
/// by the `Applier`, with the plan's safety rules) whose route half shows each route's way
/// back and whose custom-model half is applied like apply's, and the server operations that
/// carry the route half out.
public struct RollbackPlan: Hashable, Sendable {
  public var plan: Plan
  public var routeRestores: [RouteRestore]
  /// Resources of the snapshot this rollback leaves alone, each with why (custom models that
  /// were not read; routes re-created by someone else since).
  public var leftAlone: [String]

  public init(plan: Plan, routeRestores: [RouteRestore] = [], leftAlone: [String] = []) {
    self.plan = plan
    self.routeRestores = routeRestores
    self.leftAlone = leftAlone
  }

  /// True when rolling back would change something.
  public var hasChanges: Bool { plan.hasChanges || !routeRestores.isEmpty }

  /// How many changes the rollback makes (aliases, routes, custom models).
  public var changeCount: Int {
    plan.changes.count + routeRestores.count + (plan.customModels?.changes.count ?? 0)
  }
}
