import OpalConfig
import OpalCore

/// The planning pipeline `plan` and `apply` share, after the config is loaded and the remote
/// read: check every hop against the remote's catalog (existence, then retirement, policy and
/// degradation on failover) and the config's `policy:` rules, then diff. The CLI parses flags into
/// `PlanOptions`, reads the `RemoteState`, calls this and prints.
public struct Planning: Sendable {
  /// The delete-safety choices of SPEC §4.
  public var options: PlanOptions
  /// How the catalog checks judge retirement (SPEC §14).
  public var catalogChecks: CatalogCheckOptions
  /// Whether the plan carries its desired content (`Planner.recordsDesired`).
  public var recordsDesired: Bool

  public init(
    options: PlanOptions = PlanOptions(), catalogChecks: CatalogCheckOptions = CatalogCheckOptions(),
    recordsDesired: Bool = true
  ) {
    self.options = options
    self.catalogChecks = catalogChecks
    self.recordsDesired = recordsDesired
  }

  /// The plan, with each hop's price from the catalog, or nil when the online checks found an error (each emitted into `diagnostics`;
  /// nothing is planned against a chain the remote cannot serve).
  public func plan(
    desired: DesiredState, remote: RemoteState, diagnostics: some DiagnosticCollector
  ) -> Plan? {
    let errorsBefore = diagnostics.errorCount
    let checked = remote.declaring(desired)
    OnlineValidator(remote: checked).validate(desired, into: diagnostics, unchangedAreWarnings: true)
    if let warning = remote.catalogWarning { diagnostics.emit(warning) }
    // Hops the live alias or route already has are judged leniently: the plan does not change them.
    // The chains are checked a batch at a time: 100,000 of them at once were ~40 MB.
    ChainChecks(catalog: remote.models, policies: desired.policies, options: catalogChecks)
      .check(chainsOf: desired, remote: remote, into: diagnostics)
    // It only looks at routes; its index of the remote's aliases is not built without any.
    if !desired.routes.isEmpty { RouteModelValidator(remote: checked).validate(desired, into: diagnostics) }
    guard diagnostics.errorCount == errorsBefore else { return nil }
    var plan = Planner(recordsDesired: recordsDesired).plan(
      desired: desired, remote: remote, options: options
    )
    .addingPrices(
      from: remote.models)
    if let routes = remote.routes {
      plan.attach(
        routes: RoutePlanner().plan(desired: desired, remote: routes).addingPrices(from: remote.models))
    }
    let customModels = CustomModelPlanner().plan(
      desired: desired, remote: remote.customModels, rotateKeys: options.rotateKeys, targets: options.targets,
      aliases: remote.aliases)
    if !customModels.isEmpty {
      plan.attach(customModels: customModels)
      plan.countCustomModelDeletes()
    }
    PlanReviewChecks(diagnostics: diagnostics).check(plan, desired: desired, remote: remote)
    return plan
  }
}
