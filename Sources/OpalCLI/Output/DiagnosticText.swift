import OpalCore

/// A diagnostic as compilers print it: `file:line:col: error: message [key.path]`, then related
/// places and the hint. Every part that came from a file or the API goes through
/// `TerminalText`, so a name holding an escape sequence or a bidi override cannot reach the
/// terminal raw.
struct DiagnosticText {
  var style: TextStyle

  /// The diagnostic's lines (no trailing newline).
  func render(_ d: Diagnostic) -> String {
    var head = ""
    if let loc = d.location { head += style.bold("\(TerminalText.escaped(loc.description)): ") }
    switch d.severity {
    case .error: head += style.red("error: ")
    case .warning: head += style.yellow("warning: ")
    case .note: head += style.cyan("note: ")
    }
    head += TerminalText.escaped(d.message)
    if let path = d.keyPath, !path.isRoot { head += style.dim(" [\(TerminalText.escaped(path.text))]") }
    var lines = [head]
    for related in d.related {
      lines.append(
        "  \(TerminalText.escaped(related.location.description)): note: \(TerminalText.escaped(related.message))"
      )
    }
    if let hint = d.hint { lines.append("  " + style.cyan("hint: ") + TerminalText.escaped(hint)) }
    return lines.joined(separator: "\n")
  }
}
