import OpalCore

/// A user-facing failure of a command: one clear message and, where one exists, a hint.
/// Printed as `error: message` / `hint: ...` on stderr; the command exits 1.
struct CLIError: Error, Sendable {
  var message: String
  var hint: String?

  init(_ message: String, hint: String? = nil) {
    self.message = message
    self.hint = hint
  }

  /// The failure as a diagnostic (for the JSON error document and annotations).
  var diagnostic: Diagnostic { .error(message, hint: hint) }
}
