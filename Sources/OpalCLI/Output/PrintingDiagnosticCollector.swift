import OpalCore
import Synchronization

/// The CLI's collector for people: each diagnostic is printed to stderr as it arrives (as text,
/// and as a GitHub annotation under GitHub Actions), and counted.
final class PrintingDiagnosticCollector: DiagnosticCollector {
  private let context: CommandContext
  private let text: DiagnosticText?
  private let annotate: Bool
  private let counts = Mutex(DiagnosticCounts(errors: 0, warnings: 0))

  /// - Parameters:
  ///   - style: the stderr style; nil prints no text (annotations only, for `validate --format json`).
  init(context: CommandContext, style: TextStyle?) {
    self.context = context
    self.text = style.map { DiagnosticText(style: $0) }
    self.annotate = context.isGitHubActions
  }

  func emit(_ diagnostic: Diagnostic) { emit(contentsOf: [diagnostic]) }

  /// The batch's text (and annotations) in one write to stderr: the catalog checks of a large
  /// config say a thousand warnings at once, and a write each was a system call each.
  func emit(contentsOf diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    counts.withLock { counts in
      for diagnostic in diagnostics {
        switch diagnostic.severity {
        case .error: counts.errors += 1
        case .warning: counts.warnings += 1
        case .note: break
        }
      }
    }
    guard text != nil || annotate else { return }
    var out = ""
    for diagnostic in diagnostics {
      if let text { out += text.render(diagnostic) + "\n" }
      if annotate { out += GitHubAnnotation.line(for: diagnostic) + "\n" }
    }
    context.stderr(out)
  }

  var errorCount: Int { counts.withLock { $0.errors } }
  var warningCount: Int { counts.withLock { $0.warnings } }
}
