import Synchronization

/// Where the stages of a run put what they find: the YAML reader, the config loader, the online
/// checks and the CLI all emit into one collector, which counts as it goes.
///
/// The library supplies `DiagnosticList` (in memory); the CLI supplies collectors that print
/// (text and GitHub annotations on stderr) or gather a JSON document.
public protocol DiagnosticCollector: AnyObject, Sendable {
  /// Takes one diagnostic.
  func emit(_ diagnostic: Diagnostic)
  /// Takes several, in order, as one batch (a collector that prints writes them at once).
  func emit(contentsOf diagnostics: [Diagnostic])
  /// How many errors were emitted so far.
  var errorCount: Int { get }
  /// How many warnings were emitted so far.
  var warningCount: Int { get }
}

extension DiagnosticCollector {
  /// Emits each diagnostic in order.
  public func emit(contentsOf diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics { emit(diagnostic) }
  }

  /// True once any error was emitted.
  public var hasErrors: Bool { errorCount > 0 }

  /// The one summary line every command prints: `2 errors, 1 warning` (or `no problems found`).
  public var summary: String { DiagnosticCounts(errors: errorCount, warnings: warningCount).summary }
}

/// Error and warning counts, and the one way they are said.
public struct DiagnosticCounts: Hashable, Sendable {
  public var errors: Int
  public var warnings: Int

  public init(errors: Int, warnings: Int) {
    self.errors = errors
    self.warnings = warnings
  }

  /// `2 errors, 1 warning`; `no problems found` when both are zero.
  public var summary: String {
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    if errors == 0 && warnings == 0 { return "no problems found" }
    return [errors > 0 ? plural(errors, "error") : nil, warnings > 0 ? plural(warnings, "warning") : nil]
      .compactMap { $0 }.joined(separator: ", ")
  }
}

/// The plain collector: keeps every diagnostic in memory, in the order emitted.
public final class DiagnosticList: DiagnosticCollector {
  private let stored = Mutex<[Diagnostic]>([])

  public init() {}

  public func emit(_ diagnostic: Diagnostic) {
    stored.withLock { $0.append(diagnostic) }
  }

  public func emit(contentsOf diagnostics: [Diagnostic]) {
    stored.withLock { $0.append(contentsOf: diagnostics) }
  }

  /// Everything emitted, in order.
  public var diagnostics: [Diagnostic] { stored.withLock { $0 } }

  public var errorCount: Int { stored.withLock { list in list.count { $0.severity == .error } } }
  public var warningCount: Int { stored.withLock { list in list.count { $0.severity == .warning } } }

  /// Diagnostics ordered by file, line and column (those without a location last).
  public var sorted: [Diagnostic] { Self.sorted(diagnostics) }

  /// `diagnostics` ordered by file, line and column (those without a location last), stable.
  public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      switch (a.element.location, b.element.location) {
      case (let la?, let lb?):
        if la.file != lb.file { return la.file < lb.file }
        if la.line != lb.line { return la.line < lb.line }
        if la.column != lb.column { return la.column < lb.column }
        return a.offset < b.offset
      case (.some, .none): return true
      case (.none, .some): return false
      case (.none, .none): return a.offset < b.offset
      }
    }.map(\.element)
  }
}
