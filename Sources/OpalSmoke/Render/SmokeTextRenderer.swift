import OpalCore

/// The smoke report as a table for a terminal: one row per case and per hop (alias, case,
/// served by, attempts, latency, cost, verdict), the reasons under it, then the totals.
/// A fallback that served is named with what failed first:
/// `anthropic/claude-sonnet-4 (fallback: aws/claude-sonnet-4-eu 503)`.
public struct SmokeTextRenderer: DocumentRenderer {
  /// ANSI colours on the verdicts (the CLI decides once: `--color`, `NO_COLOR`, the terminal).
  public var style: TextStyle

  public init(style: TextStyle = .plain) {
    self.style = style
  }

  /// Plain text, or coloured verdicts when `color` is set.
  public init(color: Bool) {
    self.init(style: TextStyle(enabled: color))
  }

  public func render(_ report: SmokeReport) -> String {
    let header = ["ALIAS", "CASE", "SERVED BY", "ATTEMPTS", "LATENCY", "COST", "VERDICT"]
    var rows: [(cells: [String], verdict: SmokeVerdict)] = []
    for alias in report.aliases {
      for (i, c) in alias.cases.enumerated() {
        let cells = [
          i == 0 ? alias.alias : "", c.name, SmokeCells.servedBy(c), SmokeCells.attempts(c),
          SmokeCells.latency(c.latencyMs), SmokeCells.cost(c.costUSD),
          SmokeCells.verdict(c.verdict, c.reasons.first),
        ]
        rows.append((cells, c.verdict))
      }
      for hop in alias.hops {
        let cells = [
          alias.cases.isEmpty && hop.position == 0 ? alias.alias : "", "hop \(hop.position + 1)",
          hop.model, "-", SmokeCells.latency(hop.latencyMs), SmokeCells.cost(hop.costUSD),
          SmokeCells.verdict(hop.verdict, hop.reason),
        ]
        rows.append((cells, hop.verdict))
      }
    }
    let notes = report.aliases.flatMap(SmokeCells.notes).map { Self.printable("\($0.subject): \($0.text)") }
    rows = rows.map { (cells: $0.cells.map(Self.printable), verdict: $0.verdict) }
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.cells.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, cell in
        i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }
    var out = bold(line(header)) + "\n"
    for row in rows {
      var cells = row.cells
      let last = cells.count - 1
      let plain = line(cells)
      cells[last] = paint(cells[last], row.verdict)
      out += plain.dropLast(row.cells[last].count) + cells[last] + "\n"
    }
    for alias in report.aliases where !alias.hops.isEmpty {
      let chain = alias.hops.map {
        "\($0.model) \($0.verdict == .pass ? "ok" : SmokeCells.verdict($0.verdict, $0.reason))"
      }
      out += "\nchain \(Self.printable(alias.alias)): " + Self.printable(chain.joined(separator: " → "))
    }
    if report.aliases.contains(where: { !$0.hops.isEmpty }) { out += "\n" }
    if !notes.isEmpty {
      out += "\n" + notes.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
    if !report.errors.isEmpty {
      out +=
        "\n" + report.errors.map { paint("error: ", .error) + Self.printable($0) }.joined(separator: "\n")
        + "\n"
    }
    out += "\n" + summary(report) + "\n"
    return out
  }

  private func summary(_ report: SmokeReport) -> String {
    var text =
      (report.passed ? paint("PASS", .pass) : paint("FAIL", .fail)) + "  " + SmokeCells.totals(report)
    if let budget = SmokeCells.budget(report) { text += "\n" + budget }
    return text
  }

  private func paint(_ s: String, _ v: SmokeVerdict) -> String {
    switch v {
    case .pass: style.green(s)
    case .fail, .error: style.red(s)
    case .skipped: style.yellow(s)
    }
  }

  /// Model answers and error texts reach the terminal in a table: line breaks and tabs are
  /// shown as spaces, other control characters (escape sequences included) as U+FFFD, and
  /// invisible characters (`TerminalText.isInvisible`) escaped as `\u{202E}`.
  static func printable(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
      if scalar == "\n" || scalar == "\r" || scalar == "\t" {
        out.unicodeScalars.append(" ")
      } else if TerminalText.isControl(scalar) {
        out.unicodeScalars.append("\u{FFFD}")
      } else if TerminalText.isInvisible(scalar) {
        out += TerminalText.escape(scalar)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private func bold(_ s: String) -> String { style.bold(s) }
}
