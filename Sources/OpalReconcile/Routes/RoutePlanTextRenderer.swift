import OpalCore

/// The route half of a text plan (SPEC §13): each route's header (`+`/`~`/`-` and
/// `dynamic/<name>`), a chain route's hop diff like an alias's, a graph route's nodes added,
/// removed and changed and edges re-pointed, the notes, and a summary line.
public struct RoutePlanTextRenderer: Sendable {
  public var style: TextStyle

  public init(style: TextStyle = .plain) { self.style = style }

  public func render(_ plan: RoutePlan) -> String {
    let n = { (a: RouteChange.Action) in plan.changes(a).count }
    return PlanSectionText(style: style).render(
      changes: plan.changes.map(renderChange), notes: plan.notes,
      summary: "Routes: \(n(.create)) to create, \(n(.update)) to update, \(n(.delete)) to delete.",
      unchanged: plan.unchanged.count)
  }

  public func renderChange(_ change: RouteChange) -> String {
    let colour: TextStyle.Attribute =
      switch change.action {
      case .create: .green
      case .update: .yellow
      case .delete: .red
      }
    var out = style.paint(change.action.symbol, colour) + " "
    out += style.paint("route " + DisplayText.name(change.name), colour) + "  (\(change.action.rawValue))\n"
    if change.action != .create, let before = change.before {
      let live =
        before.activeVersionNumber > 0 ? "live version \(before.activeVersionNumber)" : "not deployed"
      out += "    " + style.paint("\(live), draft revision \(before.draftRevision)", .dim) + "\n"
    }
    if change.descriptionChanged {
      out +=
        change.action == .update
        ? "    description: " + style.paint(DisplayText.quoted(change.before?.description), .red) + " → "
          + style.paint(DisplayText.quoted(change.after?.description), .green) + "\n"
        : "    description: \(DisplayText.quoted(change.after?.description ?? change.before?.description))\n"
    }
    if let diff = change.chainDiff {
      if !diff.isEmpty && (change.action != .update || diff.contains { $0.mark != .kept }) {
        out +=
          "    models:" + (change.pricing == nil ? "" : style.paint("  (USD per million tokens)", .dim))
          + "\n"
        if let old = change.chains?.old.first, let new = change.chains?.new.first, old != new,
          change.action == .update
        {
          out += "      primary: " + DisplayText.name(old) + " → " + DisplayText.name(new) + "\n"
        }
        for hop in diff {
          let model = DisplayText.name(hop.model)
          let price = change.pricing?.price(of: hop.model).map { style.paint("  " + $0.text, .dim) } ?? ""
          switch hop.mark {
          case .kept: out += "        \(model)" + price + "\n"
          case .added: out += "      " + style.paint("+ " + model, .green) + price + "\n"
          case .removed: out += "      " + style.paint("- " + model, .red) + price + "\n"
          case .moved:
            out +=
              "      " + style.paint("~ " + model, .yellow)
              + style.paint(" (moved \((hop.oldIndex ?? 0) + 1) → \((hop.newIndex ?? 0) + 1))", .dim) + price
              + "\n"
          }
        }
      }
    } else {
      out += graphLines(change.graphDiff)
    }
    if change.action == .update { out += TextPlanRenderer.priceMoveLines(change.pricing) }
    if let tests = change.after?.tests, !tests.isEmpty {
      out +=
        "    "
        + style.paint(
          "\(tests.count) test\(tests.count == 1 ? "" : "s") checked with simulate before deploy", .dim)
        + "\n"
    }
    for note in change.notes { out += PlanSectionText(style: style).noteLine(note, indent: "    ") }
    return out
  }

  private func graphLines(_ diff: RouteGraphDiff) -> String {
    var out = diff.isEmpty ? "" : "    graph:\n"
    for id in diff.added { out += "      " + style.paint("+ node " + DisplayText.name(id), .green) + "\n" }
    for id in diff.removed { out += "      " + style.paint("- node " + DisplayText.name(id), .red) + "\n" }
    for id in diff.changed { out += "      " + style.paint("~ node " + DisplayText.name(id), .yellow) + "\n" }
    for edge in diff.edges {
      out +=
        "      " + style.paint("~ edge " + DisplayText.name("\(edge.node).\(edge.output)"), .yellow) + ": "
        + DisplayText.name(edge.from ?? "(none)") + " → " + DisplayText.name(edge.to ?? "(none)") + "\n"
    }
    return out
  }
}
