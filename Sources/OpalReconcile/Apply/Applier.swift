import OpalCore
import OpperAPI

/// Carries out a plan against the API (SPEC §5): renames first, then creates and updates, deletes
/// last, each phase with up to `parallelism` requests in flight. Retries live in the client; the
/// applier adds correctness: an ambiguous create is resolved by reading the alias by name (never
/// a duplicate), a 404 on delete is success, a failed change does not stop independent ones, and
/// cancellation (Ctrl-C) starts nothing new while letting in-flight requests finish.
public struct Applier: Sendable {
  let api: any AliasAPI
  let options: ApplyOptions
  let preflight: (any CallAPI)?
  let progress: (@Sendable (ApplyProgress) -> Void)?

  public init(
    api: any AliasAPI, options: ApplyOptions = ApplyOptions(), preflight: (any CallAPI)? = nil,
    progress: (@Sendable (ApplyProgress) -> Void)? = nil
  ) {
    self.api = api
    self.options = options
    self.preflight = preflight
    self.progress = progress
  }

  /// Applies the plan and reports every change. A refused plan is not applied at all.
  public func apply(_ plan: Plan) async -> ApplyReport {
    let clock = ContinuousClock()
    let start = clock.now
    let phases: [[AliasChange]] = [
      plan.changes(.rename),
      plan.changes.filter { $0.action == .create || $0.action == .update },
      plan.changes(.delete),
    ]
    if let refusal = plan.refusal {
      return ApplyReport(
        results: phases.joined().map { ApplyReport.Result(change: $0, outcome: .notStarted) },
        refusal: refusal, fingerprint: plan.fingerprint.combined, durationMs: 0)
    }
    var tally = Tally(total: plan.changes.count)
    var results: [ApplyReport.Result] = []
    var interrupted = false
    var failedRenameSources = Set<String>()
    for phase in phases {
      if interrupted || Task.isCancelled {
        interrupted = true
        results += phase.map { ApplyReport.Result(change: $0, outcome: .notStarted) }
        continue
      }
      let blocked = failedRenameSources
      let (phaseResults, stopped) = await run(phase, tally: &tally) { change in
        guard change.action == .create, blocked.contains(change.name) else { return nil }
        return .skipped(
          reason: "the rename away from \(change.name) did not succeed, so that name is still taken")
      }
      for r in phaseResults where r.change.action == .rename && !r.outcome.isSuccess {
        if let old = r.change.oldName { failedRenameSources.insert(old) }
      }
      results += phaseResults
      interrupted = interrupted || stopped
    }
    let commands = plan.commands
    var report = ApplyReport(
      results: results.map {
        ApplyReport.Result(
          change: $0.change, outcome: $0.outcome.resolvingCommands(commands), durationMs: $0.durationMs)
      },
      interrupted: interrupted, fingerprint: plan.fingerprint.combined,
      durationMs: (clock.now - start).milliseconds)
    report.applyAgainCommand = commands.apply
    return report
  }

  /// Running totals for progress events.
  struct Tally {
    var total: Int
    var completed = 0
    var failed = 0
  }

  /// One phase through a sliding window of at most `parallelism` tasks. Returns the results in
  /// phase order and whether cancellation stopped it early.
  private func run(
    _ changes: [AliasChange], tally: inout Tally,
    precheck: (AliasChange) -> ChangeOutcome?
  ) async -> ([ApplyReport.Result], Bool) {
    var slots = [ApplyReport.Result?](repeating: nil, count: changes.count)
    var stopped = false
    var tallyCopy = tally
    await withTaskGroup(of: (Int, ApplyReport.Result).self) { group in
      var next = 0
      var inFlight = 0
      func finish(_ i: Int, _ result: ApplyReport.Result) {
        slots[i] = result
        tallyCopy.completed += 1
        if case .failed = result.outcome { tallyCopy.failed += 1 }
        emit(.finished, result.change, result.outcome, tallyCopy)
      }
      while true {
        while inFlight < options.parallelism, next < changes.count {
          if Task.isCancelled {
            stopped = true
            break
          }
          let i = next
          let change = changes[i]
          next += 1
          if let outcome = precheck(change) {
            finish(i, ApplyReport.Result(change: change, outcome: outcome, durationMs: 0))
            continue
          }
          emit(.started, change, nil, tallyCopy)
          let grace = options.interruptGrace
          group.addTask {
            // An unstructured task does not inherit cancellation: a request in flight gets the
            // grace to finish (so its outcome is known), then it is cancelled too.
            let work = Task { await self.execute(change) }
            let result = await withTaskCancellationHandler {
              await work.value
            } onCancel: {
              Task {
                try? await Task.sleep(for: grace)
                work.cancel()
              }
            }
            return (i, result)
          }
          inFlight += 1
        }
        guard inFlight > 0, let (i, result) = await group.next() else { break }
        inFlight -= 1
        finish(i, result)
      }
      if next < changes.count { stopped = true }
    }
    tally = tallyCopy
    let results = changes.indices.map { i in
      slots[i] ?? ApplyReport.Result(change: changes[i], outcome: .notStarted)
    }
    return (results, stopped)
  }

  private func emit(
    _ event: ApplyProgress.Event, _ change: AliasChange, _ outcome: ChangeOutcome?, _ tally: Tally
  ) {
    progress?(
      ApplyProgress(
        event: event, change: change, outcome: outcome, completed: tally.completed, total: tally.total,
        failed: tally.failed))
  }

  /// One change, timed, preflight first when asked.
  func execute(_ change: AliasChange) async -> ApplyReport.Result {
    let clock = ContinuousClock()
    let start = clock.now
    var outcome: ChangeOutcome
    if let skip = await preflightSkip(change) {
      outcome = skip
    } else {
      switch change.action {
      case .create: outcome = await create(change)
      case .update, .rename: outcome = await patch(change)
      case .delete: outcome = await delete(change)
      }
    }
    return ApplyReport.Result(
      change: change, outcome: outcome, durationMs: (clock.now - start).milliseconds)
  }
}
