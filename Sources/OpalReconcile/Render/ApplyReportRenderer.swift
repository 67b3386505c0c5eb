import Foundation
import OpalCore

/// Renders an apply report as text (one line per change, a summary) or as its versioned JSON
/// document (`format_version` 1, docs/plan-format.md).
public struct ApplyReportRenderer: Sendable {
  public var style: TextStyle
  /// Show each change's duration (off in golden tests, whose timings would vary).
  public var showDurations: Bool

  public init(style: TextStyle = .plain, showDurations: Bool = true) {
    self.style = style
    self.showDurations = showDurations
  }

  /// Plain text, or coloured when `useColor` is set.
  public init(useColor: Bool, showDurations: Bool = true) {
    self.init(style: TextStyle(enabled: useColor), showDurations: showDurations)
  }

  /// The text form as a `DocumentRenderer`.
  public var text: Text { Text(renderer: self) }
  /// The JSON form as a `DocumentRenderer`.
  public var json: JSON { JSON(renderer: self) }

  public func renderText(_ report: ApplyReport) -> String {
    let painter = TextPlanRenderer(style: style)
    var out = ""
    if let refusal = report.refusal {
      out +=
        painter.paint("Refused:", .red) + " \(TerminalText.escaped(refusal.reason)); nothing was applied.\n"
      out += "Hint: \(TerminalText.escaped(refusal.hint))\n"
      return out
    }
    for r in report.results {
      let (word, colour): (String, TextStyle.Attribute) =
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
      if let message = r.outcome.message { extras.append(TerminalText.escaped(message)) }
      if showDurations, let ms = r.durationMs, r.outcome != .notStarted { extras.append(Self.duration(ms)) }
      if !extras.isEmpty { line += "  (" + extras.joined(separator: ", ") + ")" }
      out += line + "\n"
      if let hint = r.outcome.hint { out += "         hint: \(TerminalText.escaped(hint))\n" }
    }
    for r in report.routes ?? [] {
      let (label, colour): (String, TextStyle.Attribute) =
        r.isSuccess
        ? ("ok     ", .green)
        : r.outcome == .notStarted
          ? ("not run", .dim) : r.outcome == .skipped ? ("skipped", .yellow) : ("FAILED ", .red)
      var line = painter.paint(label, colour)
      line +=
        "  \(r.action.symbol) route \(DisplayText.name(r.name))  "
        + r.outcome.rawValue.replacingOccurrences(of: "_", with: " ")
      if let version = r.version { line += " version \(version)" + (r.replayed == true ? " (replayed)" : "") }
      if let message = r.message { line += "  (\(TerminalText.escaped(message)))" }
      out += line + "\n"
    }
    for r in report.customModels ?? [] {
      let colour: TextStyle.Attribute = r.isSuccess ? .green : r.outcome == .notStarted ? .dim : .red
      var line = painter.paint(
        r.isSuccess ? "ok     " : r.outcome == .notStarted ? "not run" : "FAILED ", colour)
      line += "  \(r.action.symbol) custom model \(DisplayText.name(r.name))"
      var extras = r.keySent ? ["key sent"] : []
      if let message = r.outcome.message { extras.append(TerminalText.escaped(message)) }
      if !extras.isEmpty { line += "  (" + extras.joined(separator: ", ") + ")" }
      out += line + "\n"
      if let hint = r.outcome.hint { out += "         hint: \(TerminalText.escaped(hint))\n" }
    }
    let c = report.counts
    if !report.results.isEmpty || !(report.routes ?? []).isEmpty || !(report.customModels ?? []).isEmpty {
      out += "\n"
    }
    var summary =
      "Apply: \(c.succeeded) succeeded, \(c.failed) failed, \(c.skipped) skipped, "
      + "\(c.notStarted) not started"
    if let routes = report.routes {
      let ok = routes.filter(\.isSuccess).count
      summary += "; routes: \(ok) succeeded, \(routes.count - ok) not"
    }
    if let models = report.customModels {
      let ok = models.filter(\.isSuccess).count
      summary += "; custom models: \(ok) succeeded, \(models.count - ok) not"
    }
    if showDurations { summary += " in \(Self.duration(report.durationMs))" }
    out += painter.paint(summary + ".", .bold) + "\n"
    if let verification = report.verification {
      out += VerificationTextRenderer(style: style).render(verification)
    }
    if report.interrupted {
      out +=
        painter.paint("Interrupted:", .yellow)
        + " no new request was started after Ctrl-C; run `\(report.applyAgainCommand)` again to finish.\n"
    } else if c.failed > 0 && report.verification?.rolledBack != true {
      out +=
        "Some changes failed; the others were applied. Fix the cause and run `\(report.applyAgainCommand)` again.\n"
    }
    return out
  }

  public func renderJSON(_ report: ApplyReport) -> String {
    PrettyJSON.string(report) + "\n"
  }

  /// The report as text.
  public struct Text: DocumentRenderer {
    let renderer: ApplyReportRenderer
    public func render(_ report: ApplyReport) -> String { renderer.renderText(report) }
  }

  /// The report as its JSON document.
  public struct JSON: DocumentRenderer {
    let renderer: ApplyReportRenderer
    public func render(_ report: ApplyReport) -> String { renderer.renderJSON(report) }
  }

  static func duration(_ ms: Double) -> String {
    ms < 1000 ? "\(Int(ms.rounded())) ms" : String(format: "%.1f s", ms / 1000)
  }
}
