import ArgumentParser
import OpalReconcile
import OpperAPI

/// The stages `plan` and `apply` share: load the config, read the remote, and hand both to the
/// library's `Planning` (online checks, then the diff). Each stage stops the command with a
/// clear message when it fails.
struct PlanningStage {
  var io: CommandOutput
  var options: PlanOptions

  /// The routes client; nil without a management key (then a config declaring routes stops
  /// before any request, and the plan has no route half).
  var routes: DynamicRoutesClient? = nil

  func run(paths: [String], client: OpperClient) async throws -> Plan {
    let desired = try ConfigStage(io: io).loadValid(paths)
    if !desired.routes.isEmpty && routes == nil {
      throw CLIError(
        "the configuration declares \(desired.routes.count) dynamic route\(desired.routes.count == 1 ? "" : "s") "
          + "but no management key is set",
        hint: "set OPPER_MANAGEMENT_KEY or pass --management-key-file (routes live at /management/v1 and "
          + "need a management key; the project key is refused there)")
    }
    var remote = try await RemoteReads(client: client).state()
    if let routes { remote.routes = try await RemoteReads.routes(routes) }
    guard
      let plan = Planning(options: options).plan(
        desired: desired, remote: remote, diagnostics: io.diagnostics)
    else {
      io.summary("nothing was planned: the live catalog cannot serve these chains")
      throw ExitCode.failure
    }
    return plan
  }
}
