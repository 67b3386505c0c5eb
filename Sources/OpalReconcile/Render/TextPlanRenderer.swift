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
    if let undeclared = plan.undeclaredSentence {
      out += paint("warning:", .yellow) + " " + TerminalText.escaped(undeclared) + "\n"
    }
    if !plan.notes.isEmpty || plan.undeclaredSentence != nil { out += "\n" }
    let counts = plan.counts
    if counts.total == 0, (plan.routes?.hasChanges ?? false) || (plan.customModels?.hasChanges ?? false) {
      out += paint("Aliases: no changes.", .bold)
    } else if counts.total == 0, !plan.undeclaredInScope.isEmpty {
      out += paint("No changes to the declared aliases.", .bold)
    } else {
      out += paint(counts.summarySentence, .bold)
    }
    if counts.unchanged > 0 { out += " (\(counts.unchanged) unchanged)" }
    out += "\n"
    if let drift = plan.driftSentence { out += TerminalText.escaped(drift) + "\n" }
    if let routes = plan.routes {
      out += "\n" + RoutePlanTextRenderer(style: style).render(routes)
    }
    if let customModels = plan.customModels {
      out += "\n" + CustomModelPlanTextRenderer(style: style).render(customModels)
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
    out += "  (\(change.action.rawValue))" + (change.isDrift ? paint(" [drift]", .yellow) : "") + "\n"
    switch change.action {
    case .create:
      if let d = change.after?.description { out += "    description: \(DisplayText.quoted(d))\n" }
      out += chainLines(change)
    case .delete:
      if let d = change.before?.description { out += "    description: \(DisplayText.quoted(d))\n" }
      out += chainLines(change)
    case .update, .rename:
      if let primary = change.primaryChange {
        out +=
          "    " + paint("primary:", .bold) + " " + paint(DisplayText.name(primary.old ?? "?"), .red) + " → "
          + paint(DisplayText.name(primary.new ?? "?"), .green) + "\n"
      }
      if change.descriptionChanged {
        out +=
          "    description: " + paint(DisplayText.quoted(change.before?.description), .red) + " → "
          + paint(DisplayText.quoted(change.after?.description), .green) + "\n"
      }
      if change.chainChanged {
        out += chainLines(change)
        out += Self.priceMoveLines(change.pricing)
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
    var out = "    models:" + (change.pricing == nil ? "" : paint("  (USD per million tokens)", .dim)) + "\n"
    // A create or delete adds or removes every hop: positions would be noise there.
    let positions = change.action == .update || change.action == .rename
    for hop in change.chainDiff {
      let model = DisplayText.name(hop.model)
      let position = ChainPosition(hop)
      let price = change.pricing?.price(of: hop.model).map { paint("  " + $0.text, .dim) } ?? ""
      switch hop.mark {
      case .kept:
        out += "        \(model)" + (position.shift.map { paint(" (\($0))", .dim) } ?? "") + price + "\n"
      case .added:
        out +=
          "      " + paint("+ " + model, .green) + (positions ? paint(" (\(position.label))", .dim) : "")
          + price + "\n"
      case .removed:
        out +=
          "      " + paint("- " + model, .red) + (positions ? paint(" (\(position.label))", .dim) : "")
          + price + "\n"
      case .moved:
        out += "      " + paint("~ " + model, .yellow) + paint(" (\(position.label))", .dim) + price + "\n"
      }
    }
    return out
  }

  /// For an update: how the primary's price and the worst case (the dearest hop) move.
  static func priceMoveLines(_ pricing: ChainPricing?) -> String {
    guard let pricing else { return "" }
    func line(_ label: String, _ move: ChainPricing.PriceMove) -> String? {
      guard move.old != move.new else { return nil }
      func side(_ hop: ChainPricing.HopPrice?) -> String {
        hop.map { DisplayText.name($0.model) + " " + $0.text } ?? "none"
      }
      return "    \(label): \(side(move.old)) → \(side(move.new))\n"
    }
    return (line("primary price", pricing.primary) ?? "") + (line("worst case", pricing.worstCase) ?? "")
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
