import OpalCore

/// Renders a plan for people on a terminal: `+` create, `~` update, `→` rename, `-` delete, with
/// the field-level diff of each alias, a summary line and the fingerprint. ANSI colour only when
/// the style has it on (the CLI decides once, from `--color`, `NO_COLOR` and the terminal).
public struct TextPlanRenderer: DocumentRenderer {
  public var style: TextStyle

  public init(style: TextStyle = .plain) {
    self.style = style
  }

  /// Plain text, or coloured when `useColor` is set.
  public init(useColor: Bool) {
    self.init(style: TextStyle(enabled: useColor))
  }

  public func render(_ plan: Plan) -> String {
    var out = ""
    for change in plan.changes {
      out += renderChange(change)
      out += "\n"
    }
    for note in plan.notes {
      out += paint("note:", .dim) + " " + TerminalText.escaped(note) + "\n"
    }
    if !plan.notes.isEmpty { out += "\n" }
    let counts = plan.counts
    let sentence =
      counts.total == 0 && (plan.routes?.hasChanges ?? false)
      ? "Aliases: no changes." : counts.summarySentence
    out += paint(sentence, .bold)
    if counts.unchanged > 0 { out += " (\(counts.unchanged) unchanged)" }
    out += "\n"
    if let routes = plan.routes {
      out += "\n" + RoutePlanTextRenderer(style: style).render(routes)
    }
    out += "Fingerprint: \(plan.fingerprint.short)\n"
    if let refusal = plan.refusal {
      out += "\n" + paint("Refused:", .red) + " " + TerminalText.escaped(refusal.reason) + "\n"
      out += "Hint: " + TerminalText.escaped(refusal.hint) + "\n"
    }
    return out
  }

  /// One alias: the header line and its field-level diff, indented.
  public func renderChange(_ change: AliasChange) -> String {
    let colour = Self.colour(change.action)
    var out = paint(change.action.symbol, colour) + " "
    switch change.action {
    case .rename:
      out += paint(DisplayText.name(change.oldName ?? "?") + " → " + DisplayText.name(change.name), colour)
    default:
      out += paint(DisplayText.name(change.name), colour)
    }
    out += "  (\(change.action.rawValue))\n"
    switch change.action {
    case .create:
      if let d = change.after?.description { out += "    description: \(DisplayText.quoted(d))\n" }
      out += chainLines(change)
    case .delete:
      if let d = change.before?.description { out += "    description: \(DisplayText.quoted(d))\n" }
      out += chainLines(change)
    case .update, .rename:
      if change.descriptionChanged {
        out +=
          "    description: " + paint(DisplayText.quoted(change.before?.description), .red) + " → "
          + paint(DisplayText.quoted(change.after?.description), .green) + "\n"
      }
      if change.chainChanged {
        out += chainLines(change)
      } else if change.action == .rename, !change.descriptionChanged {
        out += "    (content unchanged)\n"
      }
    }
    for note in change.notes {
      out += "    " + paint("note:", .dim) + " " + TerminalText.escaped(note) + "\n"
    }
    return out
  }

  private func chainLines(_ change: AliasChange) -> String {
    var out = "    models:\n"
    for hop in change.chainDiff {
      let model = DisplayText.name(hop.model)
      switch hop.mark {
      case .kept: out += "        \(model)\n"
      case .added: out += "      " + paint("+ " + model, .green) + "\n"
      case .removed: out += "      " + paint("- " + model, .red) + "\n"
      case .moved:
        let from = (hop.oldIndex ?? 0) + 1
        let to = (hop.newIndex ?? 0) + 1
        out += "      " + paint("~ " + model, .yellow) + paint(" (moved \(from) → \(to))", .dim) + "\n"
      }
    }
    return out
  }

  static func colour(_ action: AliasChange.Action) -> TextStyle.Attribute {
    switch action {
    case .create: .green
    case .update: .yellow
    case .rename: .cyan
    case .delete: .red
    }
  }

  func paint(_ text: String, _ attribute: TextStyle.Attribute) -> String {
    style.paint(text, attribute)
  }
}
