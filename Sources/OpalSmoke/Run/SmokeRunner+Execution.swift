import OpalCore
import OpperAPI

extension SmokeRunner {
  /// The first half of a job: the call itself. A finished outcome (a failure, a hop, a problem
  /// with the case) comes back without a response; a case's successful call comes back with its
  /// response, to be judged by `judge` once its trace is read.
  func call(_ job: SmokeJob) async -> (outcome: SmokeJobOutcome, response: CallResponse?) {
    if let problem = job.problem {
      return (SmokeJobOutcome(verdict: .fail, reasons: [problem]), nil)
    }
    let api = self.api
    let request = job.request
    let clock = ContinuousClock()
    let start = clock.now
    let race = await DeadlineRace<CallResponse>.run(options.perCallTimeout) {
      do throws(OpperAPIError) {
        return .success(try await api.call(request))
      } catch {
        return .failure(error)
      }
    }
    let latencyMs = (clock.now - start).wholeMilliseconds
    let response: CallResponse
    switch race {
    case .timedOut:
      let reason = "no answer within \(Self.describe(options.perCallTimeout)) (the per-call timeout)"
      return (SmokeJobOutcome(verdict: .fail, reasons: [reason], latencyMs: latencyMs), nil)
    case .failed(let error):
      let failure = CallFailure(error)
      let reason = failure.verdict == .fail ? "the call failed: \(failure.message)" : failure.message
      return (
        SmokeJobOutcome(verdict: failure.verdict, failure: failure, reasons: [reason], latencyMs: latencyMs),
        nil
      )
    case .value(let r):
      response = r
    }

    let outcome = SmokeJobOutcome(
      verdict: .pass, latencyMs: latencyMs, costUSD: response.cost?.total, spanId: response.spanId)
    guard case .smokeCase = job.kind else { return (outcome, nil) }
    return (outcome, response)
  }

  /// The second half of a case: read which model served (span, then trace) and check the
  /// expectations against the answer.
  func judge(_ job: SmokeJob, _ called: SmokeJobOutcome, _ response: CallResponse) async -> SmokeJobOutcome {
    var outcome = called
    let latencyMs = called.latencyMs ?? 0
    let (serving, traceId, problem) = await readServing(spanId: response.spanId)
    outcome.traceId = traceId
    outcome.servedBy = response.meta?.routing?.served ?? serving?.servedBy
    outcome.attempts = serving?.attempts ?? []
    if let problem {
      outcome.note = problem
    } else if outcome.servedBy == nil {
      outcome.note = "the trace shows no model that answered"
    }
    let evaluator = ExpectationEvaluator(
      expectation: job.expectation, outputSchema: job.request.outputSchema, firstModel: job.firstModel)
    outcome.reasons = evaluator.failures(
      response: response, latencyMs: latencyMs, serving: serving, servingProblem: problem)
    outcome.verdict = outcome.reasons.isEmpty ? .pass : .fail
    return outcome
  }

  /// The span, then its trace; a failure here never fails the call, it only leaves "unknown".
  private func readServing(spanId: String) async -> (ServingAnalysis?, String?, String?) {
    let api = self.api
    let timeout = options.perCallTimeout
    let spanRace = await DeadlineRace<Span>.run(timeout) {
      do throws(OpperAPIError) { return .success(try await api.servingSpan(id: spanId)) } catch {
        return .failure(error)
      }
    }
    let span: Span
    switch spanRace {
    case .value(let s): span = s
    case .failed(let e): return (nil, nil, "the span could not be read: \(e)")
    case .timedOut: return (nil, nil, "the span could not be read in time")
    }
    let traceRace = await DeadlineRace<Trace>.run(timeout) {
      do throws(OpperAPIError) { return .success(try await api.servingTrace(id: span.traceId)) } catch {
        return .failure(error)
      }
    }
    switch traceRace {
    case .value(let trace):
      return (ServingAnalysis(trace: trace, rootSpanId: span.id), span.traceId, nil)
    case .failed(let e): return (nil, span.traceId, "the trace could not be read: \(e)")
    case .timedOut: return (nil, span.traceId, "the trace could not be read in time")
    }
  }

  static func describe(_ d: Duration) -> String {
    let ms = d.wholeMilliseconds
    return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
  }
}
