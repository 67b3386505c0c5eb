import Synchronization

/// A one-line progress display on stderr (`[12/50] ✓ + team-a/x`), shown only on a terminal and
/// never in CI logs, where it would be noise.
final class ProgressLine: Sendable {
  private let context: CommandContext
  private let enabled: Bool
  private let shown = Mutex(false)

  /// Back to the start of the line and erase it (the one cursor control opal writes).
  static let clearLine = "\r\u{1B}[K"

  init(context: CommandContext, enabled: Bool) {
    self.context = context
    self.enabled = enabled && context.stderrIsTerminal && !context.isCI
  }

  func update(completed: Int, total: Int, failed: Int, label: String) {
    guard enabled else { return }
    let failures = failed > 0 ? " (\(failed) failed)" : ""
    let line = "[\(completed)/\(total)]\(failures) \(label)"
    shown.withLock { $0 = true }
    context.stderr(Self.clearLine + String(line.prefix(120)))
  }

  /// Clears the line.
  func finish() {
    guard enabled, shown.withLock({ $0 }) else { return }
    context.stderr(Self.clearLine)
  }
}
