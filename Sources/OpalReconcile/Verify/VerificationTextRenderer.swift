import OpalCore

/// The `--verify` part of the text apply report: one line per change (verified, rolled back,
/// could not be rolled back) with why, then one sentence on the outcome.
public struct VerificationTextRenderer: DocumentRenderer {
  public var style: TextStyle

  public init(style: TextStyle = .plain) { self.style = style }

  public func render(_ report: VerificationReport) -> String {
    var out = "\n" + style.paint("Verify:", .bold) + "\n"
    for entry in report.entries {
      let (word, colour): (String, TextStyle.Attribute) =
        switch entry.status {
        case .verified: ("verified       ", .green)
        case .notVerified: ("not verified   ", .dim)
        case .rolledBack: ("rolled back    ", .yellow)
        case .notRolledBack: ("NOT ROLLED BACK", .red)
        }
      var line = style.paint(word, colour) + "  " + DisplayText.name(entry.action)
      if entry.status == .verified || entry.status == .notVerified, let message = entry.checkMessage {
        line += "  (" + TerminalText.escaped(message) + ")"
      } else if let message = entry.message {
        line += "  (" + TerminalText.escaped(message) + ")"
      }
      out += line + "\n"
    }
    if report.rolledBack {
      let stuck = report.entries.filter { $0.status == .notRolledBack }.count
      out +=
        style.paint("Rolled back", .yellow) + " what this apply changed: "
        + TerminalText.escaped(report.reason ?? "a check failed") + "."
        + (stuck == 0
          ? " The organization is as it was before the apply.\n"
          : " \(stuck) change\(stuck == 1 ? "" : "s") could not be rolled back (see above).\n")
    } else {
      out += "Every changed alias and route answered.\n"
    }
    return out
  }
}
