import OpalCore

/// GitHub Actions workflow commands for diagnostics (`::error file=,line=,col=::message`),
/// written to stderr: the runner reads workflow commands from either stream, and stdout
/// carries only the document asked for.
enum GitHubAnnotation {
  /// One diagnostic as a workflow command.
  static func line(for d: Diagnostic) -> String {
    let command: String
    switch d.severity {
    case .error: command = "error"
    case .warning: command = "warning"
    case .note: command = "notice"
    }
    var props: [String] = []
    if let loc = d.location {
      props.append("file=\(escapeProperty(TerminalText.escaped(loc.file)))")
      props.append("line=\(loc.line)")
      props.append("col=\(loc.column)")
    }
    var message = TerminalText.escaped(d.message)
    if let hint = d.hint { message += "\nhint: \(TerminalText.escaped(hint))" }
    let head = props.isEmpty ? "::\(command)" : "::\(command) \(props.joined(separator: ","))"
    return "\(head)::\(escapeData(message))"
  }

  static func escapeData(_ s: String) -> String {
    s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  static func escapeProperty(_ s: String) -> String {
    escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
