import OpalCore

/// The CLI's collector under `--format json`: keeps every diagnostic for the command's JSON
/// document (or, when the command fails before its document exists, for the error document
/// `{"version":1,"ok":false,"diagnostics":[…]}`), and passes each on to a printing collector
/// for stderr.
final class JSONDiagnosticCollector: DiagnosticCollector {
  private let kept = DiagnosticList()
  private let printer: PrintingDiagnosticCollector

  init(printer: PrintingDiagnosticCollector) {
    self.printer = printer
  }

  func emit(_ diagnostic: Diagnostic) {
    kept.emit(diagnostic)
    printer.emit(diagnostic)
  }

  func emit(contentsOf diagnostics: [Diagnostic]) {
    kept.emit(contentsOf: diagnostics)
    printer.emit(contentsOf: diagnostics)
  }

  var errorCount: Int { kept.errorCount }
  var warningCount: Int { kept.warningCount }

  /// Everything emitted, in order.
  var diagnostics: [Diagnostic] { kept.diagnostics }
}
