import OpalConfig
import OpalCore

/// The planning pipeline `plan` and `apply` share, after the config is loaded and the remote
/// read: check every hop against the remote's catalog, then diff. The CLI parses flags into
/// `PlanOptions`, reads the `RemoteState`, calls this and prints.
public struct Planning: Sendable {
  /// The delete-safety choices of SPEC §4.
  public var options: PlanOptions

  public init(options: PlanOptions = PlanOptions()) {
    self.options = options
  }

  /// The plan, or nil when the online checks found an error (each emitted into `diagnostics`;
  /// nothing is planned against a chain the remote cannot serve).
  public func plan(
    desired: DesiredState, remote: RemoteState, diagnostics: some DiagnosticCollector
  ) -> Plan? {
    let errorsBefore = diagnostics.errorCount
    OnlineValidator(remote: remote).validate(desired, into: diagnostics)
    RouteModelValidator(remote: remote).validate(desired, into: diagnostics)
    guard diagnostics.errorCount == errorsBefore else { return nil }
    var plan = Planner().plan(desired: desired, remote: remote, options: options)
    if let routes = remote.routes {
      plan.attach(routes: RoutePlanner().plan(desired: desired, remote: routes))
    }
    return plan
  }
}
