import ArgumentParser
import Foundation
import OpalConfig
import OpalCore
import OpalReconcile
import OpalSmoke
import OpperAPI

/// `opal apply`: make the live organization match the config, safely.
struct ApplyCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply",
    abstract: "Make the live organization match the config.",
    discussion: """
      Without a plan file, apply plans first, prints the plan and applies it (on a
      terminal it asks first unless --auto-approve; in CI it does not ask). With a
      plan file saved by `opal plan -o`, or with --expect-fingerprint, it refuses
      when the config or the remote has moved since that plan ("stale plan") and
      says what moved.

      Changes run --parallelism at a time: renames first, then creates and
      updates, deletes last. Failed requests are retried with backoff (429, 5XX,
      timeouts, dropped connections); a create whose answer was lost is checked by
      name before it is tried again, so nothing is duplicated. A failed change
      does not stop the others; run apply again to converge. Ctrl-C stops starting
      new changes, lets the running ones finish, prints what was done and exits
      130.

      Examples:
        opal apply
        opal apply --auto-approve --format json > report.json
        opal plan -o plan.json && opal apply plan.json
        opal apply --expect-fingerprint 3f2a9c41d0be

      Dynamic routes (routes: in the config, OPPER_MANAGEMENT_KEY set) are applied
      after the aliases, one at a time: the draft is written, the server's
      validation issues stop that route (shown at its config line), its tests run
      with simulate and stop it on a failure, then it is deployed guarded by the
      plan's uuid, draft revision and live version: a route changed since the plan
      is refused by the server ("stale plan"). A retried deploy reuses the plan's
      idempotency key, so it is never doubled. Deletes come last.
        opal apply --draft-only               # stage route drafts, deploy nothing
        opal apply --note "ticket OPS-12"     # the release note of each new version

      Custom models (custom_models: in the config) are created and updated before
      any alias, and deleted after the aliases and routes. Their key is sent only
      on create and with --rotate-keys (names are globs; none: every declared
      one), read from the {env:} or {file:} the config names, never printed:
        opal apply --rotate-keys                  # send every custom model's key again
        opal apply plan.json --rotate-keys 'team-a/*'

      Before the first change, a snapshot of what the apply is about to change (each
      alias's content or absence, each route's live version, each custom model's
      identifier and extra, never its key) is written to --snapshot FILE or
      .opal/snapshots/, and its path printed; `opal rollback FILE` puts it back.
      --verify smokes each changed alias and route once the changes are made and, if
      any fails (or a change failed), rolls back everything this apply changed
      (custom models included) and exits 1, saying per change: verified, rolled back,
      or could not be rolled back.
        opal apply --verify --format json > report.json
      """
  )

  @Argument(help: ArgumentHelp("A plan saved by `opal plan -o`.", valueName: "plan-file"))
  var planFile: String?

  @OptionGroup var config: ConfigOptions
  @OptionGroup var output: OutputOptions
  @Option(name: .long, help: ArgumentHelp("Output format: text (for people) or json (versioned, for tools)."))
  var format: ReportFormat = .text
  @OptionGroup(title: "Safety") var safety: SafetyOptions
  @OptionGroup(title: "Catalog") var catalog: CatalogOptions
  @OptionGroup var parallel: ParallelismOptions
  @OptionGroup(title: "API") var api: APIOptions

  @Option(
    name: .long, help: ArgumentHelp("Refuse unless the fresh plan has this fingerprint.", valueName: "sha"))
  var expectFingerprint: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Limit the apply to aliases matching this glob (repeatable).", valueName: "name"))
  var target: [String] = []

  @Flag(name: .long, help: "Do not ask for confirmation on a terminal.")
  var autoApprove = false

  @Flag(
    name: .long,
    help: "Before changing an alias, call its new chain once (POST /call) and skip it if it does not answer.")
  var preflight = false

  @Flag(name: .long, help: "Write route drafts (and run their tests) but deploy nothing.")
  var draftOnly = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Release note of each route version deployed (default: the plan fingerprint).", valueName: "text"))
  var note: String?

  @Option(
    name: .customLong("rotate-keys"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "Send the key of these custom models again (globs; no name: every declared one in scope).",
      valueName: "name"))
  var rotateKeys: [String] = []

  @Option(
    name: .customLong("snapshot"),
    help: ArgumentHelp(
      "Write the snapshot of what this apply changes here (default: .opal/snapshots/<time>-<id>.json).",
      valueName: "file"))
  var snapshotPath: String?

  @Flag(
    name: .long,
    help:
      "Smoke each changed alias and route after the changes; if any fails, roll back what this apply changed."
  )
  var verify = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "With --verify: stop starting smoke calls once their cost reaches this many USD.", valueName: "usd"))
  var budgetUsd: Double?

  func validate() throws {
    if let budgetUsd, !(budgetUsd.isFinite && budgetUsd > 0) {
      throw ValidationError("--budget-usd must be a number greater than 0 (got \(budgetUsd))")
    }
    if budgetUsd != nil && !verify { throw ValidationError("--budget-usd goes with --verify") }
    if planFile != nil && expectFingerprint != nil {
      throw ValidationError("give a plan file or --expect-fingerprint, not both")
    }
    try TargetGlobs.validate(target)
    try TargetGlobs.validate(rotateKeys, flag: "--rotate-keys")
  }

  var outputFormat: OutputFormat { format.outputFormat }

  /// What a run came to: nothing to change, or the changes were carried out.
  private enum Outcome {
    case nothingToDo(Plan)
    case applied(ApplyReport)
  }

  func run(_ io: CommandOutput) async throws {
    let snapshotFile = try SnapshotStage.checked(snapshotPath)
    let saved = try readSavedPlan(io.context)
    var asked = safety.planOptions(targets: target)
    asked.rotateKeys = rotateKeys.isEmpty ? nil : rotateKeys
    let options = saved.map { asked.adopting($0.options) } ?? asked
    let outcome: Outcome = try await api.withClient(
      io.context, verbose: output.verbose, parallelism: parallel.parallelism
    ) { client in
      try await api.withRoutesClient(io.context, beside: client) { routes -> Outcome in
        let probe = PhaseProbe(io.context)
        let stage = PlanningStage(
          io: io, options: options, catalogChecks: catalog.checkOptions, routes: routes, probe: probe)
        let plan: Plan
        if let saved, !config.isGiven(io.context), let content = saved.desired {
          // The saved plan carries its desired content: no config file is needed.
          let desired: DesiredState
          do {
            desired = try content.state(files: saved.configPaths)
          } catch {
            throw CLIError("\(planFile ?? "the plan file"): its desired content cannot be read: \(error)")
          }
          plan = try await stage.run(desired: desired, configPaths: saved.configPaths, client: client)
        } else {
          plan = try await stage.run(paths: config.paths(io.context), client: client)
        }
        try refuseIfStale(plan, saved: saved)
        let sequence = ApplySequence(
          io: io,
          options: ApplySequence.Options(
            parallelism: parallel.parallelism, preflight: preflight, draftOnly: draftOnly, note: note,
            verify: verify, budgetUSD: budgetUsd, perCallTimeout: api.timeoutDuration,
            snapshotFile: snapshotFile, baseURL: api.resolvedBaseURL(io.context),
            showsProgress: format == .text),
          client: client, routes: routes)
        // Without a question to ask, the snapshot is written (and fsynced) while the plan is
        // printed; with one, only after the answer, so a "no" leaves no snapshot behind.
        let willApply = plan.refusal == nil && plan.hasChanges && !asksConfirmation(io.context)
        let snapshot = willApply ? sequence.startSnapshot(of: plan) : nil
        if format == .text && saved == nil { io.document(TextPlanRenderer(style: io.style).render(plan)) }
        probe.mark("render")
        if let refusal = plan.refusal { throw CLIError(refusal.reason, hint: refusal.hint) }
        guard plan.hasChanges else { return .nothingToDo(plan) }
        try confirm(plan, io.context)
        let report = try await sequence.run(plan, snapshot: snapshot)
        return .applied(report)
      }
    }
    let renderer = ApplyReportRenderer(style: io.style)
    let report: any DocumentRenderer<ApplyReport> = format == .json ? renderer.json : renderer.text
    switch outcome {
    case .nothingToDo(let plan):
      // Text: a fresh plan was shown above; a plan file says so itself. JSON: an empty report.
      if format == .text, let planFile {
        io.documentLine(
          "Nothing to apply: \(TerminalText.escaped(planFile)) holds no changes; the remote already matches it."
        )
      }
      if format == .json {
        io.document(
          report.render(ApplyReport(results: [], fingerprint: plan.fingerprint.combined, durationMs: 0)))
      }
    case .applied(let applied):
      io.document(report.render(applied))
      if applied.interrupted { throw ExitCode(130) }
      if !applied.isComplete { throw ExitCode.failure }
    }
  }

  /// The plan file given as the argument, read.
  private func readSavedPlan(_ context: CommandContext) throws -> Plan? {
    guard let planFile else { return nil }
    do {
      return try PlanFile.read(from: planFile)
    } catch {
      let save = PlanCommands(
        configPaths: config.paths(context), options: safety.planOptions(targets: target)
      )
      .plan(extra: ["-o", planFile])
      throw CLIError(error.description, hint: "save a plan with `\(save)`")
    }
  }

  /// Refuses when the fresh plan differs from the saved one or the expected fingerprint.
  private func refuseIfStale(_ plan: Plan, saved: Plan?) throws {
    let check: StaleCheck
    if let saved {
      check = StaleCheck(saved: saved, fresh: plan)
    } else if let expectFingerprint {
      check = StaleCheck(expectedFingerprint: expectFingerprint, fresh: plan)
    } else {
      return
    }
    if check.isStale { throw CLIError(check.message, hint: plan.commands.resolve(check.hint)) }
  }

  /// Whether `confirm` asks: on a terminal, outside CI, without --auto-approve or a plan file.
  private func asksConfirmation(_ context: CommandContext) -> Bool {
    !autoApprove && planFile == nil && context.stdinIsTerminal && !context.isCI
  }

  /// On a terminal, asks before applying unless --auto-approve (never in CI or without a TTY).
  private func confirm(_ plan: Plan, _ context: CommandContext) throws {
    guard asksConfirmation(context) else { return }
    let total =
      plan.counts.total + (plan.routes?.changes.count ?? 0) + (plan.customModels?.changes.count ?? 0)
    let question = total == 1 ? "Apply this 1 change?" : "Apply these \(total) changes?"
    try Confirmation(autoApprove: autoApprove || planFile != nil)
      .ask(question, cancelled: "apply cancelled; nothing was changed", context)
  }
}
