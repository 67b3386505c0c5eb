import OpalCore

/// What loading a config produced: the desired state (nil when any error was found) and every
/// diagnostic, ordered by file, line and column.
public struct ConfigLoadResult: Sendable {
  public var state: DesiredState?
  public var diagnostics: [Diagnostic]

  public init(state: DesiredState?, diagnostics: [Diagnostic]) {
    self.state = state
    self.diagnostics = diagnostics
  }

  /// True when any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
