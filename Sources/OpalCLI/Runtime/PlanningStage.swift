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
  /// Whether the plan carries its desired content: false only for a plan that is shown as
  /// text or markdown and not saved (nothing reads it then).
  var recordsDesired = true

  /// The routes client; nil without a management key (then a config declaring routes stops
  /// once it is loaded, with the reads begun beside the load cancelled, and the plan has no
  /// route half).
  var routes: DynamicRoutesClient? = nil

  /// Marks the end of each stage when `OPAL_DEBUG_PHASES=1` (time and memory, on stderr).
  var probe: PhaseProbe? = nil

  /// Loads the config at `paths` and plans it; the plan records the paths for its hints.
  ///
  /// The remote read does not depend on the config, so it starts first (child tasks) and the
  /// config loads meanwhile. A config that does not load stops the command with its own
  /// diagnostics: the reads still in flight are cancelled and whatever they hit is not shown
  /// (the config is what the user must fix first).
  func run(paths: [String], client: OpperClient) async throws -> Plan {
    let routesClient = routes
    async let state = RemoteReads(client: client).state()
    async let routeList = RemoteReads.routesIfReadable(routesClient)
    // Leaving this scope by a throw cancels both reads and waits for them to end.
    let desired = try ConfigStage(io: io).loadValid(paths)
    probe?.mark("load")
    try requireManagementKey(for: desired)
    var remote = try await state
    let readRoutes = try await routeList
    remote.routes = readRoutes
    probe?.mark("remote read")
    return try plan(desired: desired, remote: remote, configPaths: paths)
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

  /// Plans a desired state already in hand (the remote read starts at once).
  func run(desired: DesiredState, configPaths: [String], client: OpperClient) async throws -> Plan {
    try requireManagementKey(for: desired)
    let routesClient = routes
    async let routeList = RemoteReads.routesIfReadable(routesClient)
    var remote = try await RemoteReads(client: client).state()
    let readRoutes = try await routeList
    remote.routes = readRoutes
    probe?.mark("remote read")
    return try plan(desired: desired, remote: remote, configPaths: configPaths)
  }

  /// A config that declares routes needs the management key: without it the command stops
  /// here, whatever the reads in flight would have found.
  private func requireManagementKey(for desired: DesiredState) throws(CLIError) {
    guard !desired.routes.isEmpty && routes == nil else { return }
    throw CLIError(
      "the configuration declares \(desired.routes.count) dynamic route\(desired.routes.count == 1 ? "" : "s") "
        + "but no management key is set",
      hint: "set OPPER_MANAGEMENT_KEY or pass --management-key-file (routes live at /management/v1 and "
        + "need a management key; the project key is refused there)")
  }

  /// The online checks and the diff of `desired` against `remote`, as read.
  private func plan(desired: DesiredState, remote: RemoteState, configPaths: [String]) throws -> Plan {
    guard
      var plan = Planning(options: options, catalogChecks: catalogChecks, recordsDesired: recordsDesired)
        .plan(
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
