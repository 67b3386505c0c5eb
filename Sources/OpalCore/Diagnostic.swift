/// One finding about the user's input: severity, message, where, and how to fix it.
///
/// Diagnostics are values emitted into a `DiagnosticCollector` so that every problem in a run
/// is reported at once, rather than thrown one at a time.
public struct Diagnostic: Hashable, Sendable, Codable {
  /// How serious a diagnostic is; any `.error` makes the command fail.
  public enum Severity: String, Hashable, Sendable, Codable, Comparable {
    case note, warning, error

    private var rank: Int {
      switch self {
      case .note: 0
      case .warning: 1
      case .error: 2
      }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  /// A second place that explains the first (for example the earlier of two duplicate keys).
  public struct Related: Hashable, Sendable, Codable {
    public var location: SourceLocation
    public var message: String
    public init(location: SourceLocation, message: String) {
      self.location = location
      self.message = message
    }
  }

  public var severity: Severity
  public var message: String
  public var location: SourceLocation?
  /// The key path inside the document, for example `aliases.sonnet4.models[2]`.
  public var keyPath: ConfigKeyPath?
  public var hint: String?
  public var related: [Related]

  public init(
    _ severity: Severity, _ message: String, at location: SourceLocation? = nil,
    keyPath: ConfigKeyPath? = nil, hint: String? = nil, related: [Related] = []
  ) {
    self.severity = severity
    self.message = message
    self.location = location
    self.keyPath = keyPath
    self.hint = hint
    self.related = related
  }

  public static func error(
    _ message: String, at location: SourceLocation? = nil, keyPath: ConfigKeyPath? = nil,
    hint: String? = nil, related: [Related] = []
  ) -> Diagnostic {
    Diagnostic(.error, message, at: location, keyPath: keyPath, hint: hint, related: related)
  }

  public static func warning(
    _ message: String, at location: SourceLocation? = nil, keyPath: ConfigKeyPath? = nil,
    hint: String? = nil
  ) -> Diagnostic {
    Diagnostic(.warning, message, at: location, keyPath: keyPath, hint: hint)
  }
}
