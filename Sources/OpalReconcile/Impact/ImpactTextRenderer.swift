import OpalCore

/// `opal impact` for people: the chains left with no hop first, each with what still answers.
/// A route is written `dynamic/NAME`, with `branch N` when its graph has several.
public struct ImpactTextRenderer: DocumentRenderer {
  public var style: TextStyle

  public init(style: TextStyle = .plain) { self.style = style }

  public func render(_ report: ImpactReport) -> String {
    var out = "If \(report.scenario.items.joined(separator: ", ")) went down:\n\n"
    for entry in report.entries {
      let name = TerminalText.escaped(Self.label(entry))
      switch entry.status {
      case .down:
        out += style.paint("✗ \(name)", .red) + "  no hop left (down: \(list(entry.down)))\n"
      case .degraded:
        out +=
          style.paint("~ \(name)", .yellow)
          + "  \(entry.answering.count) of \(entry.models.count) hops left: \(list(entry.answering))\n"
      case .ok:
        out += "  \(name)  unaffected\n"
      }
    }
    let total = report.entries.count
    out +=
      "\n"
      + style.paint("\(report.deadCount) of \(total) chain\(total == 1 ? "" : "s") left with no model", .bold)
      + ", \(report.degradedCount) degraded\n"
    return out
  }

  /// How an entry is named: an alias by its name, a route as `dynamic/NAME [branch N]`.
  static func label(_ entry: ImpactReport.Entry) -> String {
    guard entry.kind == "route" else { return entry.name }
    return "dynamic/" + entry.name + (entry.branch.map { " branch \($0)" } ?? "")
  }

  private func list(_ models: [String]) -> String {
    models.map { TerminalText.escaped($0) }.joined(separator: ", ")
  }
}
