import ArgumentParser
import Foundation
import OpalConfig
import OpalCore
import OpalReconcile
import OpperAPI

/// The stages `plan` and `apply` share: load the config (or take the desired state a saved plan
/// carries), read the remote, and hand both to the library's `Planning` (online checks, then the
/// diff). Each stage stops the command with a clear message when it fails.
struct PlanningStage {
  var io: CommandOutput
  var options: PlanOptions
  var catalogChecks = CatalogCheckOptions()

  /// The routes client; nil without a management key (then a config declaring routes stops
  /// before any request, and the plan has no route half).
  var routes: DynamicRoutesClient? = nil

  /// Marks the end of each stage when `OPAL_DEBUG_PHASES=1` (time and memory, on stderr).
  var probe: PhaseProbe? = nil

  /// Loads the config at `paths` and plans it; the plan records the paths for its hints.
  func run(paths: [String], client: OpperClient) async throws -> Plan {
    let desired = try ConfigStage(io: io).loadValid(paths)
    probe?.mark("load")
    return try await run(desired: desired, configPaths: paths, client: client)
  }

  /// The plan of the config as it was at git `revision` against the same remote, for drift
  /// (`plan --base`). Its diagnostics are not the run's: the base is what it was.
  func basePlan(revision: String, paths: [String], client: OpperClient) async throws -> Plan {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "opal-base-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let basePaths: [String]
    do {
      basePaths = try GitBaseConfig(revision: revision).materialize(paths, under: scratch)
    } catch {
      throw CLIError(
        error.message, hint: "--base takes a git revision the checkout has (for example origin/main)")
    }
    let quiet = DiagnosticList()
    let desired = basePaths.isEmpty ? DesiredState() : ConfigLoader().load(paths: basePaths, into: quiet)
    guard let desired else {
      throw CLIError(
        "the config at \(revision) does not load, so drift cannot be told apart",
        hint: "run without --base, or check `opal validate` at \(revision)")
    }
    let remote = try await RemoteReads(client: client).state()
    return Planner().plan(desired: desired, remote: remote, options: options)
  }

  /// Plans a desired state already in hand.
  func run(desired: DesiredState, configPaths: [String], client: OpperClient) async throws -> Plan {
    if !desired.routes.isEmpty && routes == nil {
      throw CLIError(
        "the configuration declares \(desired.routes.count) dynamic route\(desired.routes.count == 1 ? "" : "s") "
          + "but no management key is set",
        hint: "set OPPER_MANAGEMENT_KEY or pass --management-key-file (routes live at /management/v1 and "
          + "need a management key; the project key is refused there)")
    }
    var remote = try await RemoteReads(client: client).state()
    if let routes { remote.routes = try await RemoteReads.routes(routes) }
    probe?.mark("remote read")
    guard
      var plan = Planning(options: options, catalogChecks: catalogChecks).plan(
        desired: desired, remote: remote, diagnostics: io.diagnostics)
    else {
      io.summary("nothing was planned: the live catalog cannot serve these chains")
      throw ExitCode.failure
    }
    probe?.mark("plan")
    plan.configPaths = configPaths
    // A key that a create or rotation would send and that cannot be read stops the plan here.
    _ = try CustomModelStage(io: io, plan: plan.customModels).keys()
    // Warnings (config and plan review) are counted where the run's findings end.
    if io.diagnostics.warningCount > 0 { io.summary() }
    return plan
  }
}
