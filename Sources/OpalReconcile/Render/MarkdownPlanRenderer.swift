import OpalCore

/// Renders a plan as Markdown for a pull-request comment: a heading with the counts, the
/// refusal, one section per alias with a ```diff block, notes, and the fingerprint with the
/// exact apply command. Deletes and renames come first and are never cut; kept under
/// `maxCharacters` (GitHub's comment limit is 65,536) by cutting creates and updates from the
/// end, each cut one still listed by name. When even the deletes and renames do not fit in
/// full, they are listed one line each.
public struct MarkdownPlanRenderer: DocumentRenderer {
  public var maxCharacters: Int
  /// The commands the footer and the cut line name, when the plan is not applied with
  /// `opal apply` (a rollback plan: `opal rollback FILE`); nil: the plan's own commands.
  public var commands: (apply: String, fullPlan: String)?

  public init(maxCharacters: Int = 65_000, commands: (apply: String, fullPlan: String)? = nil) {
    self.maxCharacters = maxCharacters
    self.commands = commands
  }

  public func render(_ plan: Plan) -> String {
    let head = heading(plan)
    let foot = footer(plan)
    // Deletes, then renames: what a reviewer must never miss.
    let critical = plan.changes(.delete) + plan.changes(.rename)
    let rest = plan.changes.filter { $0.action == .update || $0.action == .create }
    var criticalText = critical.map(renderChange).joined()
    let restSections = rest.map(renderChange)
    if head.count + criticalText.count + restSections.reduce(0, { $0 + $1.count }) + foot.count
      <= maxCharacters
    {
      return head + criticalText + restSections.joined() + foot
    }
    if head.count + criticalText.count + foot.count > maxCharacters {
      criticalText = critical.map(Self.oneLine).joined() + (critical.isEmpty ? "" : "\n")
    }
    // Cut creates and updates from the end; the cut line names every one cut.
    let entries = rest.map { Self.code($0.displayName) }
    var cutLength = [Int](repeating: 0, count: rest.count + 1)  // names from i on, with ", "
    for i in stride(from: rest.count - 1, through: 0, by: -1) {
      cutLength[i] = cutLength[i + 1] + entries[i].count + 2
    }
    let full = commands?.fullPlan ?? plan.commands.plan(extra: ["--format", "json"])
    let reserve = 160 + full.count
    var body = ""
    var shown = 0
    let fixed = head.count + criticalText.count + foot.count + reserve
    while shown < rest.count,
      fixed + body.count + restSections[shown].count + cutLength[shown + 1] <= maxCharacters
    {
      body += restSections[shown]
      shown += 1
    }
    if shown < rest.count {
      let more = rest.count - shown
      // Every name fits unless the plan is enormous; then as many as fit, and how many not.
      var names = ""
      var named = shown
      let room = maxCharacters - fixed - body.count
      while named < rest.count, names.count + entries[named].count + 2 <= room {
        names += (names.isEmpty ? "" : ", ") + entries[named]
        named += 1
      }
      if named < rest.count { names += " and \(rest.count - named) more" }
      body +=
        "… and \(more) more change\(more == 1 ? "" : "s") not shown here "
        + "(the full plan: `\(full)`): " + names + ".\n\n"
    }
    return head + criticalText + body + foot
  }

  private func heading(_ plan: Plan) -> String {
    let counts = plan.counts
    var head = ""
    if let routes = plan.routes, routes.hasChanges {
      let n = { (a: RouteChange.Action) in routes.changes(a).count }
      head +=
        "### opal plan: aliases \(counts.create) to create, \(counts.update) to update, "
        + "\(counts.rename) to rename, \(counts.delete) to delete; routes \(n(.create)) to create, "
        + "\(n(.update)) to update, \(n(.delete)) to delete\n\n"
    } else if counts.total == 0, let models = plan.customModels, models.hasChanges {
      head += "### opal plan: aliases no changes; custom models \(models.changes.count) to change\n\n"
    } else if counts.total == 0 {
      if plan.undeclaredInScope.isEmpty {
        head += "### opal plan: no changes\n\nThe remote matches the configuration."
      } else {
        head += "### opal plan: no changes\n\nEvery declared alias matches the remote."
      }
      if counts.unchanged > 0 { head += " (\(counts.unchanged) aliases unchanged)" }
      head += "\n\n"
    } else {
      head +=
        "### opal plan: \(counts.create) to create, \(counts.update) to update, "
        + "\(counts.rename) to rename, \(counts.delete) to delete\n\n"
    }
    if let drift = plan.driftSentence { head += Self.inline(drift) + "\n\n" }
    if let undeclared = plan.undeclaredSentence {
      head += "> [!WARNING]\n> \(Self.inline(undeclared))\n\n"
    }
    if let refusal = plan.refusal {
      head +=
        "> [!CAUTION]\n> **Refused:** \(Self.inline(refusal.reason))\n>\n> \(Self.inline(refusal.hint))\n\n"
    }
    if let routes = plan.routes {
      // Routes are few and their deletes must never be cut: shown whole, before the aliases.
      let text = RoutePlanTextRenderer().render(routes)
      let fence = MarkdownText.fence(for: text)
      head += "#### Dynamic routes\n\n\(fence)diff\n\(text)\(fence)\n\n"
    }
    if let models = plan.customModels {
      // Custom models are few and their deletes must never be cut: shown whole.
      let text = CustomModelPlanTextRenderer().render(models)
      let fence = MarkdownText.fence(for: text)
      head += "#### Custom models\n\n\(fence)diff\n\(text)\(fence)\n\n"
    }
    return head
  }

  private func footer(_ plan: Plan) -> String {
    var foot = ""
    if !plan.notes.isEmpty {
      foot += "**Notes**\n\n" + plan.notes.map { "- \(Self.inline($0))\n" }.joined() + "\n"
    }
    foot +=
      "<sub>Fingerprint `\(plan.fingerprint.short)` · "
      + "apply with `\(commands?.apply ?? plan.commands.apply(expectingFingerprint: plan.fingerprint.short))`</sub>\n"
    return foot
  }

  /// A delete or rename as one list line, for plans too big to show them in full.
  static func oneLine(_ change: AliasChange) -> String {
    "- **\(change.action.rawValue)** \(code(change.displayName))\n"
  }

  /// One alias: a small heading and a ```diff block.
  func renderChange(_ change: AliasChange) -> String {
    var lines: [String] = []
    switch change.action {
    case .create:
      if let d = change.after?.description { lines.append("+ description: \(DisplayText.quoted(d))") }
      lines.append("+ models:")
      lines += change.after?.models.map { "+   \(DisplayText.name($0))\(Self.price($0, change))" } ?? []
    case .delete:
      if let d = change.before?.description { lines.append("- description: \(DisplayText.quoted(d))") }
      lines.append("- models:")
      lines += change.before?.models.map { "-   \(DisplayText.name($0))\(Self.price($0, change))" } ?? []
    case .update, .rename:
      if change.action == .rename {
        lines.append("- name: \(DisplayText.name(change.oldName ?? "?"))")
        lines.append("+ name: \(DisplayText.name(change.name))")
      }
      if let primary = change.primaryChange {
        lines.append(
          "! primary: \(DisplayText.name(primary.old ?? "?")) → \(DisplayText.name(primary.new ?? "?"))")
      }
      if change.descriptionChanged {
        lines.append("- description: \(DisplayText.quoted(change.before?.description))")
        lines.append("+ description: \(DisplayText.quoted(change.after?.description))")
      }
      if change.chainChanged {
        lines.append("  models:")
        for hop in change.chainDiff {
          let model = DisplayText.name(hop.model) + Self.price(hop.model, change)
          let position = ChainPosition(hop)
          switch hop.mark {
          case .kept: lines.append("    \(model)" + (position.shift.map { "   (\($0))" } ?? ""))
          case .added: lines.append("+   \(model)   (\(position.label))")
          case .removed: lines.append("-   \(model)   (\(position.label))")
          case .moved: lines.append("!   \(model)   (\(position.label))")
          }
        }
      }
    }
    let content = lines.joined(separator: "\n")
    let fence = MarkdownText.fence(for: content)
    var out = "#### \(change.action.symbol) \(Self.code(change.displayName)) (\(change.action.rawValue))"
    out += (change.isDrift ? " — drift" : "") + "\n\n"
    out += "\(fence)diff\n\(content)\n\(fence)\n\n"
    let showsModels = change.action == .create || change.action == .delete || change.chainChanged
    if let pricing = change.pricing, showsModels {
      out += "<sub>Prices in USD per million tokens (input / output).</sub>\n\n"
      if change.action == .update || change.action == .rename, change.chainChanged {
        for (label, move) in [
          ("Primary price", pricing.primary), ("Worst case (dearest hop)", pricing.worstCase),
        ]
        where move.old != move.new {
          func side(_ hop: ChainPricing.HopPrice?) -> String {
            hop.map { Self.code($0.model) + " " + Self.inline($0.text) } ?? "none"
          }
          out += "- \(label): \(side(move.old)) → \(side(move.new))\n"
        }
        out += "\n"
      }
    }
    for note in change.notes { out += "- \(Self.inline(note))\n" }
    if !change.notes.isEmpty { out += "\n" }
    return out
  }

  /// `  ($3.00 in / $15.00 out)` after a hop, when the plan has prices.
  static func price(_ model: String, _ change: AliasChange) -> String {
    change.pricing?.price(of: model).map { "   (\($0.text))" } ?? ""
  }

  /// Inline code that survives backticks in the text (`MarkdownText.code`).
  static func code(_ text: String) -> String { MarkdownText.code(text) }

  /// Text outside code, escaped (`MarkdownText.inline`).
  static func inline(_ text: String) -> String { MarkdownText.inline(text) }
}
