import OpalCore

/// The versioned JSON document `opal validate --format json` prints (see docs/cli.md).
struct DiagnosticsJSON: Encodable {
  var formatVersion = 1
  var valid: Bool
  var files: [String]
  var aliasCount: Int?
  var errorCount: Int
  var warningCount: Int
  var diagnostics: [DiagnosticEntry]

  enum CodingKeys: String, CodingKey {
    case valid, files, diagnostics
    case formatVersion = "format_version"
    case aliasCount = "alias_count"
    case errorCount = "error_count"
    case warningCount = "warning_count"
  }

  init(diagnostics: [Diagnostic], files: [String], aliasCount: Int?) {
    self.valid = !diagnostics.contains { $0.severity == .error }
    self.files = files
    self.aliasCount = aliasCount
    self.errorCount = diagnostics.count { $0.severity == .error }
    self.warningCount = diagnostics.count { $0.severity == .warning }
    self.diagnostics = diagnostics.map(DiagnosticEntry.init)
  }

  func render() -> String { PrettyJSON.string(self) }
}
