import OpalConfig
import OpalCore

/// The custom-model half of a text plan (SPEC §15): each model's header (`+`/`~`/`-` and
/// `custom model <name>`), the `identifier` and `extra` that change, "key: will be sent (from
/// …)" for a create or rotation (the reference, never the value), the notes and a summary line.
/// The Markdown plan shows the same text in a fenced block.
public struct CustomModelPlanTextRenderer: Sendable {
  public var style: TextStyle

  public init(style: TextStyle = .plain) { self.style = style }

  public func render(_ plan: CustomModelPlan) -> String {
    let n = { (a: CustomModelChange.Action) in plan.changes(a).count }
    return PlanSectionText(style: style).render(
      changes: plan.changes.map(renderChange), notes: plan.notes,
      summary:
        "Custom models: \(n(.create)) to create, \(n(.update)) to update, \(n(.rotateKey)) key rotation"
        + "\(n(.rotateKey) == 1 ? "" : "s"), \(n(.delete)) to delete.",
      unchanged: plan.unchanged.count)
  }

  public func renderChange(_ change: CustomModelChange) -> String {
    let colour: TextStyle.Attribute =
      switch change.action {
      case .create: .green
      case .update, .rotateKey: .yellow
      case .delete: .red
      }
    let label = change.action == .rotateKey ? "rotate key" : change.action.rawValue
    var out = style.paint(change.action.symbol + " custom model " + DisplayText.name(change.name), colour)
    out += "  (\(label))\n"
    switch change.action {
    case .create, .delete:
      if let content = change.after ?? change.before {
        out += "    identifier: \(DisplayText.quoted(content.identifier))\n"
        if !content.extra.isEmpty {
          out += "    extra: \(TerminalText.escaped(JSONValue.object(content.extra).canonicalJSON))\n"
        }
      }
    case .update, .rotateKey:
      if let before = change.before, let after = change.after {
        if before.identifier != after.identifier {
          out +=
            "    identifier: " + style.paint(DisplayText.quoted(before.identifier), .red) + " → "
            + style.paint(DisplayText.quoted(after.identifier), .green) + "\n"
        }
        if before.extra != after.extra {
          out +=
            "    extra: "
            + style.paint(TerminalText.escaped(JSONValue.object(before.extra).canonicalJSON), .red)
            + " → " + style.paint(TerminalText.escaped(JSONValue.object(after.extra).canonicalJSON), .green)
            + "\n"
        }
      }
    }
    if let key = change.key {
      out += "    key: will be sent (from \(TerminalText.escaped(key.description)))\n"
    }
    for note in change.notes { out += PlanSectionText(style: style).noteLine(note, indent: "    ") }
    return out
  }
}
