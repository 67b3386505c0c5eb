import ArgumentParser
import Foundation
import OpalReconcile
import OpperAPI

/// `opal apply`: make the live organization match the config, safely.
struct ApplyCommand: AsyncParsableCommand {
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
      """
  )

  @Argument(help: ArgumentHelp("A plan saved by `opal plan -o`.", valueName: "plan-file"))
  var planFile: String?

  @OptionGroup var config: ConfigOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup(title: "Safety") var safety: SafetyOptions
  @OptionGroup var parallel: ParallelismOptions
  @OptionGroup(title: "API") var api: APIOptions

  @Option(
    name: .long, help: ArgumentHelp("Refuse unless the fresh plan has this fingerprint.", valueName: "sha"))
  var expectFingerprint: String?

  @Flag(name: .long, help: "Do not ask for confirmation on a terminal.")
  var autoApprove = false

  @Flag(
    name: .long,
    help: "Before changing an alias, call its new chain once (POST /call) and skip it if it does not answer.")
  var preflight = false

  func validate() throws {
    if planFile != nil && expectFingerprint != nil {
      throw ValidationError("give a plan file or --expect-fingerprint, not both")
    }
    if output.format == .markdown { throw ValidationError("apply prints text or json, not markdown") }
  }

  func run() async throws {
    let context = CommandContext.current
    var saved: Plan?
    if let planFile {
      do {
        saved = try PlanFile.read(from: planFile)
      } catch {
        throw CLIError(error.description, hint: "save a plan with `opal plan -o \(planFile)`")
      }
    }
    let report: ApplyReport = try await api.withClient(
      context, verbose: output.verbose, parallelism: parallel.parallelism
    ) { client in
      var safetyOptions = safety
      if let saved { safetyOptions.adopt(saved.options) }
      let outcome = try await PlanningStage(context: context, output: output, safety: safetyOptions).run(
        paths: config.paths, client: client)
      let plan = outcome.plan
      if let saved {
        let check = StaleCheck(saved: saved, fresh: plan)
        if check.isStale { throw CLIError(check.message, hint: check.hint) }
      } else if let expectFingerprint {
        let check = StaleCheck(expectedFingerprint: expectFingerprint, fresh: plan)
        if check.isStale { throw CLIError(check.message, hint: check.hint) }
      }
      if output.format == .text && saved == nil {
        context.stdout(TextPlanRenderer(useColor: output.useColor(context)).render(plan))
      }
      if let refusal = plan.refusal { throw CLIError(refusal.reason, hint: refusal.hint) }
      guard plan.hasChanges else {
        if output.format == .json {
          context.stdout(
            ApplyReportRenderer().renderJSON(
              ApplyReport(results: [], fingerprint: plan.fingerprint.combined, durationMs: 0)))
        }
        throw ExitCode.success
      }
      try confirm(plan, context)
      return await execute(plan, client: client, context: context)
    }
    switch output.format {
    case .json: context.stdout(ApplyReportRenderer().renderJSON(report))
    default: context.stdout(ApplyReportRenderer(useColor: output.useColor(context)).renderText(report))
    }
    if report.interrupted { throw ExitCode(130) }
    if !report.isComplete { throw ExitCode.failure }
  }

  /// On a terminal, asks before applying unless --auto-approve (never in CI or without a TTY).
  private func confirm(_ plan: Plan, _ context: CommandContext) throws {
    guard !autoApprove, planFile == nil, context.stdinIsTerminal, !context.isCI else { return }
    context.stderr("\nApply these \(plan.counts.total) changes? Only 'yes' is accepted: ")
    guard context.readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
      throw CLIError("apply cancelled; nothing was changed")
    }
  }

  /// Runs the applier with progress on a terminal; Ctrl-C cancels it (in-flight requests finish).
  private func execute(_ plan: Plan, client: OpperClient, context: CommandContext) async -> ApplyReport {
    let progress = ProgressLine(context: context, enabled: output.format == .text)
    let applier = Applier(
      api: client, options: ApplyOptions(parallelism: parallel.parallelism, preflight: preflight),
      preflight: preflight ? client : nil,
      progress: { event in
        guard event.event == .finished else { return }
        progress.update(
          completed: event.completed, total: event.total, failed: event.failed,
          label: "\(event.change.action.symbol) \(event.change.name)")
      })
    let running = Task { await applier.apply(plan) }
    InterruptSignal.current?.onInterrupt {
      running.cancel()
      context.err("\ninterrupted: starting no new changes; waiting for the ones in flight…")
    }
    let report = await running.value
    progress.finish()
    return report
  }
}
