import OpalCore

/// What `--format json` prints on stdout when a command fails before its own document exists
/// (SPEC §12): `{"version":1,"ok":false,"diagnostics":[…]}`, so a tool reading stdout always
/// gets JSON.
struct ErrorDocument: Encodable {
  var version = 1
  var ok = false
  var diagnostics: [DiagnosticEntry]

  init(diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics.map(DiagnosticEntry.init)
  }

  func render() -> String { PrettyJSON.string(self) }
}
