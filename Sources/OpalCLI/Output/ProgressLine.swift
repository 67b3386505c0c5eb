import Synchronization

/// A one-line progress display on stderr (`[12/50] ✓ + team-a/x`), shown only on a terminal and
/// never in CI logs, where it would be noise.
final class ProgressLine: Sendable {
  private let context: CommandContext
  private let enabled: Bool
  private let shown = Mutex(false)

  init(context: CommandContext, enabled: Bool) {
    self.context = context
    self.enabled = enabled && context.stderrIsTerminal && !context.isCI
  }

  func update(completed: Int, total: Int, failed: Int, label: String) {
    guard enabled else { return }
    let failures = failed > 0 ? " (\(failed) failed)" : ""
    let line = "[\(completed)/\(total)]\(failures) \(label)"
    shown.withLock { $0 = true }
    context.stderr("\r\u{1B}[K" + String(line.prefix(120)))
  }

  /// Clears the line.
  func finish() {
    guard enabled, shown.withLock({ $0 }) else { return }
    context.stderr("\r\u{1B}[K")
  }
}
