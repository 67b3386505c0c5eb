import OpalCore

/// Renders a plan as Markdown for a pull-request comment: a heading with the counts, one section
/// per alias with a ```diff block, notes, and the fingerprint. Kept under `maxCharacters`
/// (GitHub's comment limit is 65,536): past that, the first changes are shown and the rest
/// summarised as "… and K more".
public struct MarkdownPlanRenderer: DocumentRenderer {
  public var maxCharacters: Int

  public init(maxCharacters: Int = 65_000) {
    self.maxCharacters = maxCharacters
  }

  public func render(_ plan: Plan) -> String {
    let counts = plan.counts
    var head = ""
    if let routes = plan.routes, routes.hasChanges {
      let n = { (a: RouteChange.Action) in routes.changes(a).count }
      head +=
        "### opal plan: aliases \(counts.create) to create, \(counts.update) to update, "
        + "\(counts.rename) to rename, \(counts.delete) to delete; routes \(n(.create)) to create, "
        + "\(n(.update)) to update, \(n(.delete)) to delete\n\n"
    } else if counts.total == 0 {
      head += "### opal plan: no changes\n\nThe remote matches the configuration."
      if counts.unchanged > 0 { head += " (\(counts.unchanged) aliases unchanged)" }
      head += "\n\n"
    } else {
      head +=
        "### opal plan: \(counts.create) to create, \(counts.update) to update, "
        + "\(counts.rename) to rename, \(counts.delete) to delete\n\n"
    }
    if let refusal = plan.refusal {
      head +=
        "> [!CAUTION]\n> **Refused:** \(Self.inline(refusal.reason))\n>\n> \(Self.inline(refusal.hint))\n\n"
    }
    if let routes = plan.routes {
      // Routes are few and their deletes must never be cut: shown whole, before the aliases.
      let text = RoutePlanTextRenderer().render(routes)
      let fence = String(repeating: "`", count: max(3, Self.longestBacktickRun(text) + 1))
      head += "#### Dynamic routes\n\n\(fence)diff\n\(text)\(fence)\n\n"
    }
    var foot = ""
    if !plan.notes.isEmpty {
      foot += "**Notes**\n\n" + plan.notes.map { "- \(Self.inline($0))\n" }.joined() + "\n"
    }
    foot +=
      "<sub>Fingerprint `\(plan.fingerprint.short)` · "
      + "apply with `opal apply --expect-fingerprint \(plan.fingerprint.short)`</sub>\n"

    var body = ""
    var shown = 0
    let reserve = 200  // room for the "… and K more" line
    for change in plan.changes {
      let section = renderChange(change)
      let remaining = plan.changes.count - shown - 1
      let budget = maxCharacters - head.count - foot.count - (remaining > 0 ? reserve : 0)
      if body.count + section.count > budget { break }
      body += section
      shown += 1
    }
    if shown < plan.changes.count {
      let more = plan.changes.count - shown
      body +=
        "… and \(more) more change\(more == 1 ? "" : "s") not shown here "
        + "(the full plan: `opal plan --format json`).\n\n"
    }
    return head + body + foot
  }

  /// One alias: a small heading and a ```diff block.
  func renderChange(_ change: AliasChange) -> String {
    var lines: [String] = []
    switch change.action {
    case .create:
      if let d = change.after?.description { lines.append("+ description: \(DisplayText.quoted(d))") }
      lines.append("+ models:")
      lines += change.after?.models.map { "+   \(DisplayText.name($0))" } ?? []
    case .delete:
      if let d = change.before?.description { lines.append("- description: \(DisplayText.quoted(d))") }
      lines.append("- models:")
      lines += change.before?.models.map { "-   \(DisplayText.name($0))" } ?? []
    case .update, .rename:
      if change.action == .rename {
        lines.append("- name: \(DisplayText.name(change.oldName ?? "?"))")
        lines.append("+ name: \(DisplayText.name(change.name))")
      }
      if change.descriptionChanged {
        lines.append("- description: \(DisplayText.quoted(change.before?.description))")
        lines.append("+ description: \(DisplayText.quoted(change.after?.description))")
      }
      if change.chainChanged {
        lines.append("  models:")
        for hop in change.chainDiff {
          let model = DisplayText.name(hop.model)
          switch hop.mark {
          case .kept: lines.append("    \(model)")
          case .added: lines.append("+   \(model)")
          case .removed: lines.append("-   \(model)")
          case .moved:
            lines.append("!   \(model)   (moved \((hop.oldIndex ?? 0) + 1) → \((hop.newIndex ?? 0) + 1))")
          }
        }
      }
    }
    let content = lines.joined(separator: "\n")
    let fence = String(repeating: "`", count: max(3, Self.longestBacktickRun(content) + 1))
    var out = "#### \(change.action.symbol) \(Self.code(change.displayName)) (\(change.action.rawValue))\n\n"
    out += "\(fence)diff\n\(content)\n\(fence)\n\n"
    for note in change.notes { out += "- \(Self.inline(note))\n" }
    if !change.notes.isEmpty { out += "\n" }
    return out
  }

  /// Inline code that survives backticks in the text.
  static func code(_ text: String) -> String {
    let safe = DisplayText.name(text)
    let fence = String(repeating: "`", count: longestBacktickRun(safe) + 1)
    let pad = safe.hasPrefix("`") || safe.hasSuffix("`") ? " " : ""
    return fence + pad + safe + pad + fence
  }

  /// Text outside code: Markdown and HTML specials escaped so a name cannot format the comment.
  static func inline(_ text: String) -> String {
    var out = ""
    for c in TerminalText.escaped(text) {
      if "\\`*_[]<>|#!~".contains(c) { out.append("\\") }
      if c == "\n" { out += " " } else { out.append(c) }
    }
    return out
  }

  static func longestBacktickRun(_ text: String) -> Int {
    var best = 0
    var run = 0
    for c in text {
      run = c == "`" ? run + 1 : 0
      best = max(best, run)
    }
    return best
  }
}
