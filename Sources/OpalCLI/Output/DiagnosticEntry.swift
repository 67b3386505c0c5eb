import OpalCore

/// One diagnostic in a JSON document (`validate --format json`, the error document): positions
/// are 1-based, `key_path` is the `ConfigKeyPath` text.
struct DiagnosticEntry: Encodable {
  var severity: String
  var message: String
  var file: String?
  var line: Int?
  var column: Int?
  var keyPath: String?
  var hint: String?
  var related: [Related]

  /// A second place that explains the first.
  struct Related: Encodable {
    var file: String
    var line: Int
    var column: Int
    var message: String
  }

  enum CodingKeys: String, CodingKey {
    case severity, message, file, line, column, hint, related
    case keyPath = "key_path"
  }

  init(_ d: Diagnostic) {
    severity = d.severity.rawValue
    message = d.message
    file = d.location?.file
    line = d.location?.line
    column = d.location?.column
    keyPath = d.keyPath?.text
    hint = d.hint
    related = d.related.map {
      Related(file: $0.location.file, line: $0.location.line, column: $0.location.column, message: $0.message)
    }
  }
}
