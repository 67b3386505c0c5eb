import OpalCore

/// The smoke report as Markdown for a pull-request comment: a heading with the verdict and
/// totals, one table row per case and per hop, the failures with their reasons, each proven
/// chain, the run's own errors and the budget. Names are inline code and every other text is
/// escaped (`MarkdownText`), so a model's answer or an error body cannot format the comment.
/// Kept under `maxCharacters` (GitHub's comment limit is 65,536): passing rows are cut first,
/// then failing ones, and the cut says how many and how to see them all.
public struct SmokeMarkdownRenderer: DocumentRenderer {
  public var maxCharacters: Int

  public init(maxCharacters: Int = 65_000) {
    self.maxCharacters = maxCharacters
  }

  public func render(_ report: SmokeReport) -> String {
    let head = heading(report)
    let foot = footer(report)
    let header =
      "| Alias | Case | Served by | Attempts | Latency | Cost | Verdict |\n"
      + "|---|---|---|---|---|---|---|\n"
    let rows = self.rows(report)
    let failing = rows.filter { $0.verdict != .pass }
    let room = maxCharacters - head.count - foot.count - header.count - 200
    var shown = rows
    if rows.reduce(0, { $0 + $1.text.count }) > room {
      // Failures first: a reviewer must see what broke; passing rows are what is cut.
      shown = []
      var used = 0
      for row in failing + rows.filter({ $0.verdict == .pass }) where used + row.text.count <= room {
        shown.append(row)
        used += row.text.count
      }
    }
    var table = shown.isEmpty ? "" : header + shown.map(\.text).joined() + "\n"
    let cut = rows.count - shown.count
    if cut > 0 {
      table +=
        "… and \(cut) more row\(cut == 1 ? "" : "s") not shown here "
        + "(the full report: `opal smoke --format json`).\n\n"
    }
    return head + table + foot
  }

  private struct Row {
    var text: String
    var verdict: SmokeVerdict
  }

  private func rows(_ report: SmokeReport) -> [Row] {
    var rows: [Row] = []
    for alias in report.aliases {
      for c in alias.cases {
        rows.append(
          row(
            [
              MarkdownText.tableCode(alias.alias), MarkdownText.inline(c.name),
              MarkdownText.inline(SmokeCells.servedBy(c)), SmokeCells.attempts(c),
              SmokeCells.latency(c.latencyMs), SmokeCells.cost(c.costUSD),
              verdict(c.verdict, c.reasons.first),
            ], c.verdict))
      }
      for hop in alias.hops {
        rows.append(
          row(
            [
              MarkdownText.tableCode(alias.alias), "hop \(hop.position + 1)",
              MarkdownText.tableCode(hop.model), "-",
              SmokeCells.latency(hop.latencyMs), SmokeCells.cost(hop.costUSD),
              verdict(hop.verdict, hop.reason),
            ], hop.verdict))
      }
    }
    return rows
  }

  private func row(_ cells: [String], _ verdict: SmokeVerdict) -> Row {
    Row(text: "| " + cells.joined(separator: " | ") + " |\n", verdict: verdict)
  }

  private func verdict(_ v: SmokeVerdict, _ reason: String?) -> String {
    let text = MarkdownText.inline(SmokeCells.verdict(v, reason))
    switch v {
    case .pass: return "✅ " + text
    case .fail: return "❌ **" + text + "**"
    case .error: return "⚠️ **" + text + "**"
    case .skipped: return "⏭️ " + text
    }
  }

  private func heading(_ report: SmokeReport) -> String {
    var head =
      "### opal smoke: \(report.passed ? "PASS" : "FAIL") — \(MarkdownText.inline(SmokeCells.totals(report)))\n\n"
    if !report.errors.isEmpty {
      head +=
        "> [!CAUTION]\n" + report.errors.map { "> **Error:** \(MarkdownText.inline($0))\n" }.joined() + "\n"
    }
    return head
  }

  private func footer(_ report: SmokeReport) -> String {
    var foot = ""
    let notes = report.aliases.flatMap(SmokeCells.notes)
    if !notes.isEmpty {
      foot += "**Why**\n\n"
      var used = 0
      for (i, note) in notes.enumerated() {
        let line = "- \(MarkdownText.inline(note.subject)): \(MarkdownText.inline(note.text))\n"
        if used + line.count > maxCharacters / 4 {
          foot += "- … and \(notes.count - i) more (see `opal smoke --format json`)\n"
          break
        }
        foot += line
        used += line.count
      }
      foot += "\n"
    }
    let chains = report.aliases.filter { !$0.hops.isEmpty }
    if !chains.isEmpty {
      foot += "**Chains, hop by hop**\n\n"
      for alias in chains {
        let hops = alias.hops.map {
          MarkdownText.code($0.model) + " "
            + ($0.verdict == .pass ? "ok" : MarkdownText.inline(SmokeCells.verdict($0.verdict, $0.reason)))
        }
        foot += "- \(MarkdownText.code(alias.alias)): " + hops.joined(separator: " → ") + "\n"
      }
      foot += "\n"
    }
    if let budget = SmokeCells.budget(report) { foot += "<sub>\(MarkdownText.inline(budget))</sub>\n" }
    return foot
  }
}
