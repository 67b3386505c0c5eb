import OpalCore

/// The frame that every resource's section of a text plan shares (routes, custom models): each
/// change's lines followed by a blank line, the section's notes with a blank line after them,
/// and the bold summary sentence, with "(N unchanged)" when some were.
struct PlanSectionText: Sendable {
  var style: TextStyle

  /// The whole section: `changes` are each change's rendered lines, `summary` the sentence
  /// before the unchanged count.
  func render(changes: [String], notes: [String], summary: String, unchanged: Int) -> String {
    var out = ""
    for change in changes { out += change + "\n" }
    for note in notes { out += noteLine(note) }
    if !notes.isEmpty { out += "\n" }
    var sentence = summary
    if unchanged > 0 { sentence += " (\(unchanged) unchanged)" }
    return out + style.paint(sentence, .bold) + "\n"
  }

  /// One `note:` line, indented as given; the note's text is escaped for the terminal.
  func noteLine(_ note: String, indent: String = "") -> String {
    indent + style.paint("note:", .dim) + " " + TerminalText.escaped(note) + "\n"
  }
}
