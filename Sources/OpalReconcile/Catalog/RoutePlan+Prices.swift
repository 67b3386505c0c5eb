extension RoutePlan {
  /// This route plan with every change's per-model prices taken from `catalog`: before, the
  /// models the live graph uses; after, the declared graph's (each in walk order from START, so a
  /// chain route's hops in fallback order, its first the primary). Unchanged when the catalog is
  /// empty (a server without `/v3/models`).
  public func addingPrices(from catalog: ModelCatalog) -> RoutePlan {
    guard !catalog.isEmpty else { return self }
    var plan = self
    for i in plan.changes.indices {
      let change = plan.changes[i]
      plan.changes[i].pricing = ChainPricing(
        before: ChainPricing.hops(
          change.before?.activeGraph.map(RouteGraphBranches.models(of:)) ?? [], in: catalog),
        after: ChainPricing.hops(
          change.after.map { RouteGraphBranches.models(of: $0.graph) } ?? [], in: catalog))
    }
    return plan
  }
}
