import OpalCore
import Synchronization

/// Everything one command run prints goes through here, decided once from the options: the
/// document on stdout (text, JSON, Markdown, YAML) and nothing else there; diagnostics,
/// annotations, notes and the summary on stderr; one text style per stream.
final class CommandOutput: Sendable {
  let context: CommandContext
  /// What stdout carries.
  let format: OutputFormat
  /// The style for stdout (colour only when `--color` and the terminal allow).
  let style: TextStyle
  /// The style for stderr.
  let stderrStyle: TextStyle
  /// The collector every stage of the run emits into.
  let diagnostics: any DiagnosticCollector
  private let json: JSONDiagnosticCollector?
  private let documentWritten = Mutex(false)

  /// - Parameter diagnosticText: false when the document itself lists the diagnostics and they
  ///   need not be printed on stderr as well (`validate --format json`; annotations still are).
  init(color: ColorChoice, format: OutputFormat, context: CommandContext, diagnosticText: Bool = true) {
    self.context = context
    self.format = format
    self.style = TextStyle(enabled: color.enabled(onTerminal: context.stdoutIsTerminal, context))
    self.stderrStyle = TextStyle(enabled: color.enabled(onTerminal: context.stderrIsTerminal, context))
    let printer = PrintingDiagnosticCollector(context: context, style: diagnosticText ? stderrStyle : nil)
    if format == .json {
      let json = JSONDiagnosticCollector(printer: printer)
      self.json = json
      self.diagnostics = json
    } else {
      self.json = nil
      self.diagnostics = printer
    }
  }

  /// Writes (part of) the document on stdout.
  func document(_ text: String) {
    documentWritten.withLock { $0 = true }
    context.stdout(text)
  }

  /// Writes a line of the document on stdout.
  func documentLine(_ line: String) { document(line + "\n") }

  /// Every diagnostic of the run so far (kept only under `--format json`).
  var keptDiagnostics: [Diagnostic] { json?.diagnostics ?? [] }

  /// A line for people on stderr (progress notes, "plan saved to …"), sanitised.
  func note(_ line: String) {
    context.err(TerminalText.escaped(line))
  }

  /// The one summary line of the run on stderr: `2 errors, 1 warning`, then what that meant.
  func summary(_ outcome: String? = nil) {
    context.err(diagnostics.summary + (outcome.map { "; " + $0 } ?? ""))
  }

  /// Reports a failure the command stopped with: `error: …` and `hint: …` on stderr (and an
  /// annotation under GitHub Actions); under `--format json` with no document written yet, the
  /// error document on stdout.
  func fail(_ error: CLIError?) {
    if let error {
      context.err(stderrStyle.red("error: ") + TerminalText.escaped(error.message))
      if let hint = error.hint { context.err(stderrStyle.cyan("hint: ") + TerminalText.escaped(hint)) }
      if context.isGitHubActions { context.err(GitHubAnnotation.line(for: error.diagnostic)) }
    }
    guard format == .json, !documentWritten.withLock({ $0 }) else { return }
    document(
      ErrorDocument(diagnostics: keptDiagnostics + (error.map { [$0.diagnostic] } ?? [])).render() + "\n")
  }
}
