import OpperAPI

/// What came of one job, before it is placed in the report as a case or a hop.
struct SmokeJobOutcome: Sendable {
  var verdict: SmokeVerdict
  /// Set when `/call` itself failed.
  var failure: CallFailure?
  var reasons: [String] = []
  var note: String?
  var servedBy: String?
  var attempts: [SmokeAttempt] = []
  var latencyMs: Int?
  var costUSD: Double?
  var spanId: String?
  var traceId: String?

  static let skippedForBudget = SmokeJobOutcome(
    verdict: .skipped, reasons: ["skipped (budget): the --budget-usd cap was reached before this call"])

  static let skippedForRefusedKey = SmokeJobOutcome(
    verdict: .skipped, reasons: ["skipped: the API refused the key on an earlier call (HTTP 401)"])

  static let skippedForInterrupt = SmokeJobOutcome(
    verdict: .skipped, reasons: ["skipped (interrupted): the run was cancelled before this call"])

  func caseResult(for job: SmokeJob) -> SmokeCaseResult {
    let fallback = servedBy != nil && job.firstModel != nil && servedBy != job.firstModel
    return SmokeCaseResult(
      name: job.caseName, callName: job.request.name, calledModels: job.request.model?.names ?? [],
      servedBy: servedBy, fallback: fallback, attempts: attempts, latencyMs: latencyMs,
      costUSD: costUSD, verdict: verdict, reasons: reasons, note: note, spanId: spanId,
      traceId: traceId)
  }

  func hopResult(for job: SmokeJob) -> SmokeHopResult {
    guard case .hop(let position, let model) = job.kind else {
      return SmokeHopResult(position: 0, model: job.alias, verdict: verdict, reason: reasons.first)
    }
    var reason = reasons.first
    if verdict == .fail {
      let role = position == 0 ? "first model" : "fallback"
      reason = "\(role) \(model) does not answer: \(failure?.message ?? reasons.first ?? "failed")"
    }
    return SmokeHopResult(
      position: position, model: model, verdict: verdict, reason: reason, latencyMs: latencyMs,
      costUSD: costUSD)
  }
}
