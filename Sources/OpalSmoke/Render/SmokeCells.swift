/// How the smoke report's cells read, shared by the text table and the Markdown comment so both
/// name a fallback, count attempts and state the totals the same way.
enum SmokeCells {
  /// The model that served, with what failed first when a fallback served:
  /// `anthropic/claude-sonnet-4 (fallback: aws/claude-sonnet-4-eu 503)`.
  static func servedBy(_ c: SmokeCaseResult) -> String {
    guard let served = c.servedBy else {
      return c.verdict == .skipped ? "-" : (c.verdict == .pass ? "unknown" : "none")
    }
    guard c.fallback else { return served }
    let failed = c.failedAttempts.map(\.shortFailure)
    return failed.isEmpty ? "\(served) (fallback)" : "\(served) (fallback: \(failed.joined(separator: ", ")))"
  }

  /// `2`, or `2 (+1 parse)` when answers had to be parsed again.
  static func attempts(_ c: SmokeCaseResult) -> String {
    guard !c.attempts.isEmpty else { return "-" }
    let retries = c.attempts.reduce(0) { $0 + $1.parseRetries }
    return retries > 0 ? "\(c.attempts.count) (+\(retries) parse)" : "\(c.attempts.count)"
  }

  static func latency(_ ms: Int?) -> String { ms.map { "\($0) ms" } ?? "-" }

  static func cost(_ usd: Double?) -> String { usd.map { "$" + ExpectationEvaluator.money($0) } ?? "-" }

  /// `pass`, `FAIL`, `ERROR`, `skipped` or `skipped (budget)`.
  static func verdict(_ v: SmokeVerdict, _ reason: String?) -> String {
    switch v {
    case .pass: return "pass"
    case .fail: return "FAIL"
    case .error: return "ERROR"
    case .skipped:
      guard let reason, reason.hasPrefix("skipped ("), let close = reason.firstIndex(of: ")") else {
        return "skipped"
      }
      return String(reason[...close])
    }
  }

  /// `3 passed, 1 failed, 1 errors, 1 skipped, $0.0012, 1.2 s`.
  static func totals(_ report: SmokeReport) -> String {
    let t = report.totals
    var parts = ["\(t.passed) passed", "\(t.failed) failed", "\(t.errors) errors", "\(t.skipped) skipped"]
    parts.append("$\(ExpectationEvaluator.money(t.costUSD))")
    parts.append(String(format: "%.1f s", Double(t.durationMs) / 1000))
    return parts.joined(separator: ", ")
  }

  /// `budget $0.001: spent $0.00102, reached, 1 call skipped`, or nil without a budget.
  static func budget(_ report: SmokeReport) -> String? {
    guard let b = report.budget else { return nil }
    let state =
      b.skipped > 0
      ? "reached, \(b.skipped) call\(b.skipped == 1 ? "" : "s") skipped"
      : b.exhausted ? "reached with nothing left to call" : "not reached"
    let limit = ExpectationEvaluator.money(b.limitUSD)
    return "budget $\(limit): spent $\(ExpectationEvaluator.money(b.spentUSD)), \(state)"
  }

  /// The reasons worth a line under the table, as `alias / case: reason`.
  static func notes(_ alias: SmokeAliasResult) -> [(subject: String, text: String)] {
    var notes: [(String, String)] = []
    for c in alias.cases {
      if c.verdict != .skipped { notes += c.reasons.map { ("\(alias.alias) / \(c.name)", $0) } }
      if c.verdict == .pass, let note = c.note {
        notes.append(("\(alias.alias) / \(c.name)", "note: \(note)"))
      }
    }
    for hop in alias.hops {
      if let reason = hop.reason, hop.verdict == .fail || hop.verdict == .error {
        notes.append(("\(alias.alias) / hop", reason))
      }
    }
    return notes
  }
}
