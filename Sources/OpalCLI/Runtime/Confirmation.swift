import Foundation

/// The question apply and rollback ask on a terminal before they change anything: only `yes`
/// goes ahead. Never asked with --auto-approve, in CI, or without a terminal on stdin.
struct Confirmation {
  var autoApprove: Bool

  /// Asks `question`; throws `cancelled` unless the answer is `yes`.
  func ask(_ question: String, cancelled: String, _ context: CommandContext) throws(CLIError) {
    guard !autoApprove, context.stdinIsTerminal, !context.isCI else { return }
    context.stderr("\n\(question) Only 'yes' is accepted: ")
    guard context.readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
      throw CLIError(cancelled)
    }
  }
}
