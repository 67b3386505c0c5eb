import ArgumentParser
import Foundation
import OpalConfig
import OpalCore
import OpalReconcile
import OpperAPI

/// `opal rollback SNAPSHOT` (the default subcommand of `rollback`): puts back what an apply
/// changed, from the snapshot it wrote (SPEC §15), with a plan shown first and apply's rules.
struct RollbackSnapshotCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot",
    abstract: "Put back what an apply changed, from the snapshot it wrote.",
    discussion: """
      Every `opal apply` writes a snapshot of what it is about to change before its
      first change (.opal/snapshots/<time>-<id>.json, or --snapshot FILE). This
      plans the way back from the remote as it is now to that snapshot and shows it
      (the plan renderers: --format text, json or markdown), then applies it with
      apply's rules: on a terminal it asks first unless --auto-approve; scope.protect
      names are never deleted; more deletes than --max-delete are refused without
      --force; an alias someone changed since the apply (it holds neither what it held
      before nor what the apply wrote) is named and the rollback refused without
      --force. Only the resources in the snapshot are touched: aliases get their old
      content back (one that did not exist is deleted, a renamed one is renamed back),
      routes go back to their recorded live version with the server's rollback, custom
      models get their identifier and extra back (one the apply created is deleted after
      the aliases, one it deleted is created again before them). The API never returns
      keys: a re-created custom model gets the key its config declares when that config
      is given with -f and the key can be read; otherwise it is created without a key,
      with a warning saying to run `opal apply --rotate-keys NAME`.

      Examples:
        opal rollback .opal/snapshots/20261202T003107Z-3fa2c1.json
        opal rollback snap.json --plan-only --format markdown
        opal rollback snap.json --auto-approve --format json > report.json
        opal rollback snap.json -f opal.yaml      # keys for re-created custom models
      Exit 0 when everything was put back (or nothing needed to be), 1 otherwise.
      """)

  @Argument(help: ArgumentHelp("A snapshot written by `opal apply`.", valueName: "snapshot"))
  var snapshot: String

  @OptionGroup var config: ConfigOptions
  @OptionGroup var output: OutputOptions
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Output format: text (the plan, then the report), json (the report; with --plan-only the plan) or markdown (with --plan-only)."
    ))
  var format: PlanFormat = .text
  @OptionGroup(title: "Safety") var safety: SafetyOptions
  @OptionGroup var parallel: ParallelismOptions
  @OptionGroup(title: "API") var api: APIOptions

  @Flag(name: .long, help: "Do not ask for confirmation on a terminal.")
  var autoApprove = false

  @Flag(name: .long, help: "Show the plan back to the snapshot and change nothing.")
  var planOnly = false

  var outputFormat: OutputFormat { format.outputFormat }

  func validate() throws {
    if format == .markdown && !planOnly {
      throw ValidationError("--format markdown shows a plan: use it with --plan-only")
    }
  }

  func run(_ io: CommandOutput) async throws {
    let recorded: Snapshot
    do {
      recorded = try SnapshotFile.read(from: snapshot)
    } catch {
      throw CLIError(
        error.description, hint: "give the path `opal apply` printed (\(SnapshotFile.defaultFolder)/…)")
    }
    var keyReader = RollbackKeyReader(io: io)
    let keys = keyReader.keys(for: recorded, desired: try configForKeys(io))
    let host = Snapshot.host(of: api.resolvedBaseURL(io.context))
    if host != recorded.host && !safety.force {
      throw CLIError(
        "the snapshot was taken on \(recorded.host), and this run talks to \(host)",
        hint:
          "point --base-url (or OPPER_BASE_URL) at \(recorded.host); to roll back here anyway, pass --force")
    }
    let report: ApplyReport? = try await api.withClient(
      io.context, verbose: output.verbose, parallelism: parallel.parallelism
    ) { client in
      try await api.withRoutesClient(io.context, beside: client) { routes -> ApplyReport? in
        if !recorded.routes.isEmpty && routes == nil {
          throw CLIError(
            "the snapshot holds \(recorded.routes.count) dynamic route\(recorded.routes.count == 1 ? "" : "s") "
              + "but no management key is set",
            hint: "set OPPER_MANAGEMENT_KEY or pass --management-key-file")
        }
        let remote = try await RemoteReads(client: client).aliases()
        var live: [RemoteRoute]?
        if let routes, !recorded.routes.isEmpty {
          // Bound first: never wrap an awaited value (docs/compiler-miscompile.md).
          let read = try await RemoteReads.routes(routes)
          live = read
        }
        var liveModels: [CustomModel]?
        if !(recorded.customModels ?? []).isEmpty {
          let read = try await client.listCustomModels()
          liveModels = read
        }
        let rollback = RollbackPlanner().plan(
          recorded, aliases: remote, routes: live, customModels: liveModels, keys: keys,
          options: safety.planOptions)
        if planOnly || format == .text { io.document(planRenderer(io).render(rollback.plan)) }
        keyReader.warn(about: rollback.plan)
        if let refusal = rollback.plan.refusal { throw CLIError(refusal.reason, hint: refusal.hint) }
        guard !planOnly, rollback.hasChanges else {
          if !rollback.hasChanges { io.note("nothing to roll back: the remote already matches \(snapshot)") }
          return nil
        }
        let total = rollback.changeCount
        try Confirmation(autoApprove: autoApprove).ask(
          "Roll back \(total == 1 ? "this 1 change" : "these \(total) changes")?",
          cancelled: "rollback cancelled; nothing was changed", io.context)
        let keyClient = CustomModelStage.keyClient(beside: client, keys: keys.values)
        let runner = SnapshotRollback(
          applier: Applier(api: client, options: ApplyOptions(parallelism: parallel.parallelism)),
          routes: routes, customModels: CustomModelApplier(api: keyClient, keys: keys.values),
          note: "opal rollback \(URL(fileURLWithPath: snapshot).lastPathComponent)")
        let running = Task { await runner.run(rollback) }
        InterruptSignal.current?.onInterrupt {
          client.stopRetrying()
          running.cancel()
        }
        var report = await running.value
        await keyClient.shutdown()
        // "Run it again" means this rollback, not an apply of some config.
        let again = "opal rollback \(ShellWord.quoted(snapshot))"
        let applyCommand = "`\(rollback.plan.commands.apply)`"
        for i in report.results.indices {
          if case .failed(let message, let hint?) = report.results[i].outcome {
            report.results[i].outcome = .failed(
              message: message, hint: hint.replacingOccurrences(of: applyCommand, with: "`\(again)`"))
          }
        }
        report.applyAgainCommand = again
        return report
      }
    }
    guard let report else {
      if format == .json && !planOnly {
        io.document(
          ApplyReportRenderer().renderJSON(ApplyReport(results: [], fingerprint: "", durationMs: 0)))
      }
      return
    }
    let renderer = ApplyReportRenderer(style: io.style)
    io.document(format == .json ? renderer.renderJSON(report) : "\n" + renderer.renderText(report))
    if report.interrupted { throw ExitCode(130) }
    if !report.isComplete { throw ExitCode.failure }
  }

  /// The config given with -f (for the keys of re-created custom models), or nil.
  private func configForKeys(_ io: CommandOutput) throws -> DesiredState? {
    guard config.isGiven(io.context) else { return nil }
    guard let desired = ConfigLoader().load(paths: config.paths(io.context), into: io.diagnostics) else {
      io.summary("no change was made: the config given for the custom models' keys has errors")
      throw ExitCode.failure
    }
    return desired
  }

  /// The plan renderer `--format` chose.
  private func planRenderer(_ io: CommandOutput) -> any DocumentRenderer<Plan> {
    switch format {
    case .text: TextPlanRenderer(style: io.style)
    case .json: JSONPlanRenderer()
    case .markdown:
      MarkdownPlanRenderer(
        commands: (
          apply: "opal rollback \(ShellWord.quoted(snapshot))",
          fullPlan: "opal rollback \(ShellWord.quoted(snapshot)) --plan-only --format json"
        ))
    }
  }
}
