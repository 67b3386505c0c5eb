import Foundation

/// Renders an apply report as text (one line per change, a summary) or as its versioned JSON
/// document (`format_version` 1, docs/plan-format.md).
public struct ApplyReportRenderer: Sendable {
  public var useColor: Bool
  /// Show each change's duration (off in golden tests, whose timings would vary).
  public var showDurations: Bool

  public init(useColor: Bool = false, showDurations: Bool = true) {
    self.useColor = useColor
    self.showDurations = showDurations
  }

  public func renderText(_ report: ApplyReport) -> String {
    let painter = TextPlanRenderer(useColor: useColor)
    var out = ""
    if let refusal = report.refusal {
      out += painter.paint("Refused:", .red) + " \(refusal.reason); nothing was applied.\n"
      out += "Hint: \(refusal.hint)\n"
      return out
    }
    for r in report.results {
      let (word, colour): (String, TextPlanRenderer.Colour) =
        switch r.outcome {
        case .succeeded: ("ok     ", .green)
        case .failed: ("FAILED ", .red)
        case .skipped: ("skipped", .yellow)
        case .notStarted: ("not run", .dim)
        }
      var line =
        painter.paint(word, colour) + "  \(r.change.action.symbol) "
        + DisplayText.name(r.change.displayName)
      var extras: [String] = []
      if let message = r.outcome.message { extras.append(message) }
      if showDurations, let ms = r.durationMs, r.outcome != .notStarted { extras.append(Self.duration(ms)) }
      if !extras.isEmpty { line += "  (" + extras.joined(separator: ", ") + ")" }
      out += line + "\n"
      if let hint = r.outcome.hint { out += "         hint: \(hint)\n" }
    }
    let c = report.counts
    if !report.results.isEmpty { out += "\n" }
    var summary =
      "Apply: \(c.succeeded) succeeded, \(c.failed) failed, \(c.skipped) skipped, "
      + "\(c.notStarted) not started"
    if showDurations { summary += " in \(Self.duration(report.durationMs))" }
    out += painter.paint(summary + ".", .bold) + "\n"
    if report.interrupted {
      out +=
        painter.paint("Interrupted:", .yellow)
        + " no new request was started after Ctrl-C; run `opal apply` again to finish.\n"
    } else if c.failed > 0 {
      out += "Some changes failed; the others were applied. Fix the cause and run `opal apply` again.\n"
    }
    return out
  }

  public func renderJSON(_ report: ApplyReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func duration(_ ms: Double) -> String {
    ms < 1000 ? "\(Int(ms.rounded())) ms" : String(format: "%.1f s", ms / 1000)
  }
}
