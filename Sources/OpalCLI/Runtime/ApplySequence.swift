import OpalCore
import OpalReconcile
import OpalSmoke
import OpperAPI

/// The write half of `opal apply`, in its order (SPEC §15): the snapshot before the first remote
/// write, custom models created first and deleted last (`CustomModelStage`), the aliases (with
/// progress and Ctrl-C), then the routes, and `--verify` over what changed. What names a custom
/// model whose create failed is skipped, not sent to fail on the server.
struct ApplySequence {
  /// How the run writes.
  struct Options {
    var parallelism: Int
    var preflight = false
    var draftOnly = false
    /// Each deployed route version's release note (nil: the plan fingerprint).
    var note: String?
    var verify = false
    var budgetUSD: Double?
    var perCallTimeout: Duration
    /// `--snapshot FILE`, checked up front; nil means the default place.
    var snapshotFile: OutputFile?
    /// The host the snapshot records.
    var baseURL: String
    /// Whether a progress line is drawn (text output on a terminal).
    var showsProgress: Bool
  }

  var io: CommandOutput
  var options: Options
  var client: OpperClient
  var routes: DynamicRoutesClient?

  /// Starts writing `plan`'s snapshot in the background (to `options.snapshotFile` or the
  /// default place), for `run` to wait on before the first write; nothing is said until then.
  func startSnapshot(of plan: Plan) -> SnapshotStage.Pending {
    SnapshotStage(io: io).start(plan, to: options.snapshotFile, baseURL: options.baseURL)
  }

  /// Carries out `plan` (which has changes and was confirmed); the report says per change what
  /// happened, with the snapshot's path and, under `--verify`, the verification. `started` is
  /// the snapshot `startSnapshot(of: plan)` began; nil writes it now. Either way it is on disk
  /// before the first write, or nothing is written.
  func run(_ plan: Plan, snapshot started: SnapshotStage.Pending? = nil) async throws -> ApplyReport {
    let snapshot = try await SnapshotStage(io: io).finish(started ?? startSnapshot(of: plan))
    let verifyStage =
      options.verify
      ? VerifyStage(
        io: io,
        smoke: SmokeOptions(
          parallelism: options.parallelism, perCallTimeout: options.perCallTimeout,
          budgetUSD: options.budgetUSD),
        apply: ApplyOptions(parallelism: options.parallelism), plan: plan, client: client)
      : nil
    let early = verifyStage?.early(for: plan)
    var report = try await CustomModelStage(io: io, plan: plan.customModels).around(client: client) {
      unavailable in
      let (kept, skippedAliases, skippedRoutes) = unavailable.split(plan)
      var report = await applyAliases(kept, early: early)
      report.results += skippedAliases
      // After a failed check the routes are not written: everything is rolled back.
      if let routePlan = kept.routes, let routes, !report.interrupted, early?.firstFailure == nil {
        let applier = RouteApplier(
          api: routes, draftOnly: options.draftOnly, note: options.note, parallelism: options.parallelism)
        let results = await applier.apply(
          routePlan, fingerprint: plan.fingerprint.combined, diagnostics: io.diagnostics)
        report.routes = results + skippedRoutes
      }
      return report
    }
    report.snapshotPath = snapshot.path
    if let verifyStage, !report.interrupted {
      report.verification = await verifyStage.run(
        report, plan: plan, snapshot: snapshot.snapshot, client: client, routes: routes, early: early)
      if InterruptSignal.current?.isInterrupted == true { report.interrupted = true }
    }
    return report
  }

  /// Runs the alias applier with progress on a terminal; Ctrl-C cancels it (no new request or
  /// retry; in-flight requests get a short grace), and so does `early`'s first failed check.
  private func applyAliases(_ plan: Plan, early: EarlyVerification?) async -> ApplyReport {
    let context = io.context
    let progress = ProgressLine(context: context, enabled: options.showsProgress)
    let applier = Applier(
      api: client, options: ApplyOptions(parallelism: options.parallelism, preflight: options.preflight),
      preflight: options.preflight ? client : nil,
      progress: { event in
        early?.changed(event)
        guard event.event == .finished else { return }
        progress.update(
          completed: event.completed, total: event.total, failed: event.failed,
          label: "\(event.change.action.symbol) \(TerminalText.escaped(event.change.name))")
      })
    let running = Task { await applier.apply(plan) }
    let client = self.client
    InterruptSignal.current?.onInterrupt {
      client.stopRetrying()
      running.cancel()
      context.err(
        "\ninterrupted: starting no new changes or retries; the requests in flight get a few seconds to finish…"
      )
    }
    let checking = early.map { early in Task { await early.run() } }
    early?.onFailure {
      running.cancel()
      context.err("\nverify: a check failed; starting no new changes and rolling back…")
    }
    var report = await running.value
    progress.finish()
    early?.finish()
    await checking?.value
    if early?.firstFailure != nil, InterruptSignal.current?.isInterrupted != true {
      report.interrupted = false  // stopped by the failed check, not by Ctrl-C
    }
    return report
  }
}
