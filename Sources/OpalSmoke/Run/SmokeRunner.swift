import OpalConfig
import OpalCore
import OpperAPI

/// Calls every selected alias with each of its smoke cases (and, with `eachHop`, every model of
/// its chain alone), reads each call's span and trace to learn which model served, checks the
/// expectations and returns the report. Calls run `parallelism` at a time; once the reported
/// cost reaches the budget no new call starts. When the task is cancelled (Ctrl-C), calls in
/// flight are cancelled, no new one starts, and the rest are reported skipped.
public struct SmokeRunner: Sendable {
  public let api: any CallAPI
  public let options: SmokeOptions
  let progress: (@Sendable (SmokeProgress) -> Void)?

  public init(api: any CallAPI, options: SmokeOptions, progress: (@Sendable (SmokeProgress) -> Void)? = nil) {
    self.api = api
    self.options = options
    self.progress = progress
  }

  /// Runs the smoke; never throws: every failure is a result or a run error in the report.
  public func run(_ desired: DesiredState) async -> SmokeReport {
    let clock = ContinuousClock()
    let started = clock.now
    var runErrors: [String] = []
    var selected = desired.aliases + RouteSmokeTargets.aliases(for: desired.routes)
    if let filter = options.aliasFilter {
      selected = selected.filter { filter.matches($0.name) }
      if selected.isEmpty {
        let patterns = filter.globs.map(\.pattern).joined(separator: ", ")
        runErrors.append("no declared alias matches --alias \(patterns)")
      }
    } else if selected.isEmpty {
      runErrors.append("the config declares no alias or route to smoke")
    }
    let jobs = SmokeJob.plan(selected, defaults: desired.smokeDefaults, eachHop: options.eachHop)
    progress?(SmokeProgress(event: .planned, completed: 0, total: jobs.count))

    var outcomes = [SmokeJobOutcome?](repeating: nil, count: jobs.count)
    var spent = 0.0
    var exhausted = false
    var refusedKey = false
    var completed = 0
    // The budget is kept by reservation: each call in flight holds the dearest cost seen so far
    // (until one has come back, only one call runs), and a call starts only when its reservation
    // fits in what is left, so the calls in flight cannot overshoot the cap together.
    var reserved = 0
    var dearest = 0.0
    var budgetSkipped = 0
    func spend(_ outcome: SmokeJobOutcome) {
      let cost = outcome.costUSD ?? 0
      spent += cost
      dearest = max(dearest, cost)
      if let limit = options.budgetUSD, spent >= limit { exhausted = true }
      if outcome.failure?.isRefusedKey == true { refusedKey = true }
    }
    /// Whether the budget lets one more call start now (a call that must wait for one in flight
    /// to come back first is not started yet; one that can never fit marks the budget exhausted).
    func budgetAllowsCall() -> Bool? {
      guard let limit = options.budgetUSD else { return true }
      if exhausted { return false }
      if dearest == 0 { return reserved == 0 ? true : nil }
      if spent + Double(reserved + 1) * dearest <= limit { return true }
      if reserved > 0 { return nil }
      exhausted = true
      return false
    }
    func record(_ index: Int, _ outcome: SmokeJobOutcome) {
      outcomes[index] = outcome
      completed += 1
      let job = jobs[index]
      progress?(
        SmokeProgress(
          event: .finished(alias: job.alias, item: job.itemName, verdict: outcome.verdict),
          completed: completed, total: jobs.count))
    }

    // `parallelism` bounds the calls in flight. Reading a finished call's span and trace does not
    // hold a call's place: the next call starts while the last one's trace is read.
    await withTaskGroup(of: Step.self) { group in
      var next = 0
      var calls = 0
      var reads = 0
      while next < jobs.count || calls + reads > 0 {
        if next < jobs.count && calls < options.parallelism {
          if Task.isCancelled {
            record(next, .skippedForInterrupt)
          } else if refusedKey {
            record(next, .skippedForRefusedKey)
          } else if let allowed = budgetAllowsCall() {
            if allowed {
              let index = next
              let job = jobs[index]
              group.addTask {
                let called = await self.call(job)
                return .called(index, called.outcome, called.response)
              }
              calls += 1
              if options.budgetUSD != nil { reserved += 1 }
            } else {
              record(next, .skippedForBudget)
              budgetSkipped += 1
            }
          } else if calls > 0 {
            // Waits for a call in flight to come back before the budget can tell.
            if let step = await group.next() { handle(step) }
            continue
          }
          next += 1
          continue
        }
        guard let step = await group.next() else { break }
        handle(step)
      }

      func handle(_ step: Step) {
        switch step {
        case .called(let index, let outcome, let response):
          calls -= 1
          if options.budgetUSD != nil { reserved -= 1 }
          spend(outcome)
          if let response {
            let job = jobs[index]
            group.addTask {
              // Bound first: see docs/compiler-miscompile.md (aggregates around an await).
              let judged = await self.judge(job, outcome, response)
              return .judged(index, judged)
            }
            reads += 1
          } else {
            record(index, outcome)
          }
        case .judged(let index, let outcome):
          reads -= 1
          record(index, outcome)
        }
      }
    }

    var results = selected.map { SmokeAliasResult(alias: $0.name, chain: $0.models) }
    for (job, outcome) in zip(jobs, outcomes) {
      let outcome = outcome ?? .skippedForBudget
      switch job.kind {
      case .smokeCase:
        results[job.aliasIndex].cases.append(outcome.caseResult(for: job))
      case .hop:
        results[job.aliasIndex].hops.append(outcome.hopResult(for: job))
      }
      if outcome.verdict == .error, let message = outcome.failure?.message, !runErrors.contains(message) {
        runErrors.append(message)
      }
    }
    let budget = options.budgetUSD.map {
      SmokeReport.Budget(limitUSD: $0, spentUSD: spent, exhausted: exhausted, skipped: budgetSkipped)
    }
    let elapsed = clock.now - started
    return SmokeReport(
      aliases: results, errors: runErrors, budget: budget, durationMs: elapsed.wholeMilliseconds)
  }
}

/// One finished piece of a job in the runner's task group.
enum Step: Sendable {
  /// The call returned; a case's response still has to be judged.
  case called(Int, SmokeJobOutcome, CallResponse?)
  /// The case was judged (its trace read, its expectations checked).
  case judged(Int, SmokeJobOutcome)
}
