import ArgumentParser
import OpalConfig
import OpalCore
import OpalReconcile
import OpperAPI

/// The stages `plan` and `apply` share: load the config, read the remote, check every model
/// online, and diff. Each stage stops the command with a clear message when it fails.
struct PlanningStage {
  var context: CommandContext
  var output: OutputOptions
  var safety: SafetyOptions

  /// What a fresh plan was made from.
  struct Outcome {
    var desired: DesiredState
    var remote: RemoteReads.Snapshot
    var plan: Plan
  }

  func run(paths: [String], client: OpperClient) async throws -> Outcome {
    let desired = try ConfigStage(context: context, output: output).loadValid(paths)
    let remote = try await RemoteReads(client: client).everything()
    let diagnostics = OnlineValidator(
      models: remote.models, customModels: remote.customModels, remoteAliases: remote.aliases
    ).validate(desired)
    if !diagnostics.isEmpty {
      DiagnosticPrinter(context: context, useColor: output.useColorOnStderr(context)).printText(diagnostics)
    }
    let errors = diagnostics.count { $0.severity == .error }
    if errors > 0 {
      context.err(
        DiagnosticPrinter.summary(errors: errors, warnings: diagnostics.count - errors)
          + " against the live catalog; nothing was planned")
      throw ExitCode.failure
    }
    let plan = Planner().plan(desired: desired, remote: remote.aliases, options: safety.planOptions)
    return Outcome(desired: desired, remote: remote, plan: plan)
  }
}

/// The delete-safety flags of SPEC §4, shared by plan and apply.
struct SafetyOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Refuse a plan with more deletes than this. Default: 10% of the aliases in scope, at least 3.",
      valueName: "n"))
  var maxDelete: Int?

  @Flag(name: .long, help: "Accept a plan whose deletes exceed --max-delete.")
  var force = false

  @Flag(name: .long, help: "Allow prune with an empty alias list (deletes everything in scope).")
  var allowEmpty = false

  func validate() throws {
    if let maxDelete, maxDelete < 0 { throw ValidationError("--max-delete must be 0 or more") }
  }

  /// Takes the safety choices a saved plan was made with (flags given now still win).
  mutating func adopt(_ saved: PlanOptions) {
    maxDelete = maxDelete ?? saved.maxDelete
    force = force || saved.force
    allowEmpty = allowEmpty || saved.allowEmpty
  }

  var planOptions: PlanOptions { PlanOptions(maxDelete: maxDelete, force: force, allowEmpty: allowEmpty) }
}
