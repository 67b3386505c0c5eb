import Foundation
import OpalCore

/// The versioned JSON document `opal validate --format json` prints (see docs/json-output.md).
struct DiagnosticsJSON: Encodable {
  struct Entry: Encodable {
    var severity: String
    var message: String
    var file: String?
    var line: Int?
    var column: Int?
    var keyPath: String?
    var hint: String?
    var related: [Related]

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
  }

  var formatVersion = 1
  var valid: Bool
  var files: [String]
  var aliasCount: Int?
  var errorCount: Int
  var warningCount: Int
  var diagnostics: [Entry]

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
    self.diagnostics = diagnostics.map { d in
      Entry(
        severity: d.severity.rawValue, message: d.message, file: d.location?.file,
        line: d.location?.line, column: d.location?.column, keyPath: d.keyPath, hint: d.hint,
        related: d.related.map {
          .init(
            file: $0.location.file, line: $0.location.line, column: $0.location.column, message: $0.message)
        })
    }
  }

  func render() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}
