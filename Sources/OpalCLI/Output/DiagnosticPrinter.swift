import Foundation
import OpalCore

/// Prints diagnostics the way compilers do (`file:line:col: error: message`, then the hint),
/// as GitHub annotations under GitHub Actions, or as versioned JSON.
struct DiagnosticPrinter {
  var context: CommandContext
  var useColor: Bool

  /// Renders one diagnostic as text lines (no trailing newline).
  func text(_ d: Diagnostic) -> String {
    let style = TerminalStyle(enabled: useColor)
    var head = ""
    if let loc = d.location { head += style.bold("\(loc.file):\(loc.line):\(loc.column): ") }
    switch d.severity {
    case .error: head += style.red("error: ")
    case .warning: head += style.yellow("warning: ")
    case .note: head += style.cyan("note: ")
    }
    head += d.message
    if let path = d.keyPath, !path.isEmpty { head += style.dim(" [\(path)]") }
    var lines = [head]
    for related in d.related {
      lines.append("  \(related.location): note: \(related.message)")
    }
    if let hint = d.hint { lines.append("  " + style.cyan("hint: ") + hint) }
    return lines.joined(separator: "\n")
  }

  /// Writes every diagnostic to stderr as text, and as `::error` annotations in GitHub Actions.
  func printText(_ diagnostics: [Diagnostic]) {
    for d in diagnostics {
      context.err(text(d))
    }
    if context.isGitHubActions {
      for d in diagnostics { context.out(GitHubAnnotation.line(for: d)) }
    }
  }

  /// The one-line summary: "2 errors, 1 warning in 3 files." or "ok".
  static func summary(errors: Int, warnings: Int) -> String {
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    if errors == 0 && warnings == 0 { return "no problems found" }
    return [errors > 0 ? plural(errors, "error") : nil, warnings > 0 ? plural(warnings, "warning") : nil]
      .compactMap { $0 }.joined(separator: ", ")
  }
}

/// GitHub Actions workflow commands for diagnostics (`::error file=,line=,col=::message`).
enum GitHubAnnotation {
  static func line(for d: Diagnostic) -> String {
    let command: String
    switch d.severity {
    case .error: command = "error"
    case .warning: command = "warning"
    case .note: command = "notice"
    }
    var props: [String] = []
    if let loc = d.location {
      props.append("file=\(escapeProperty(loc.file))")
      props.append("line=\(loc.line)")
      props.append("col=\(loc.column)")
    }
    var message = d.message
    if let hint = d.hint { message += "\nhint: \(hint)" }
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
