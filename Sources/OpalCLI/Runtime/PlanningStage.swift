import ArgumentParser
import OpalReconcile
import OpperAPI

/// The stages `plan` and `apply` share: load the config, read the remote, and hand both to the
/// library's `Planning` (online checks, then the diff). Each stage stops the command with a
/// clear message when it fails.
struct PlanningStage {
  var io: CommandOutput
  var options: PlanOptions
  var catalogChecks = CatalogCheckOptions()

  func run(paths: [String], client: OpperClient) async throws -> Plan {
    let desired = try ConfigStage(io: io).loadValid(paths)
    let remote = try await RemoteReads(client: client).state()
    guard
      let plan = Planning(options: options, catalogChecks: catalogChecks).plan(
        desired: desired, remote: remote, diagnostics: io.diagnostics)
    else {
      io.summary("nothing was planned: the live catalog cannot serve these chains")
      throw ExitCode.failure
    }
    return plan
  }
}
