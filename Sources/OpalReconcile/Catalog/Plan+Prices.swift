extension Plan {
  /// This plan with every change's per-hop prices (before and after) taken from `catalog`;
  /// unchanged when the catalog is empty (a server without `/v3/models`).
  public func addingPrices(from catalog: ModelCatalog) -> Plan {
    guard !catalog.isEmpty else { return self }
    var plan = self
    for i in plan.changes.indices {
      let change = plan.changes[i]
      plan.changes[i].pricing = ChainPricing(
        before: ChainPricing.hops(change.before?.models ?? [], in: catalog),
        after: ChainPricing.hops(change.after?.models ?? [], in: catalog))
    }
    return plan
  }
}
