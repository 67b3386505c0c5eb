import Foundation
import OpalCore
import OpalYAML

/// Loads opal config files and folders (SPEC §2) into a `DesiredState`, reporting every
/// problem of every file in one run.
///
/// A path may be a file or a folder; a folder contributes its `*.yaml` and `*.yml` files in
/// name order (not recursively). `scope`, `prune` and `smoke_defaults` may be set in one file
/// only; every file carries `version: 1`.
public struct ConfigLoader: Sendable {
  public var limits: YAMLLimits
  /// Whether aliases are read as the parser completes each one (`ConfigEntryHandoff`) rather
  /// than from the whole document once built; tests compare the two.
  var readsAliasesAsParsed = true

  public init(limits: YAMLLimits = YAMLLimits()) {
    self.limits = limits
  }

  /// Loads files and folders, in the order given, emitting every diagnostic into `diagnostics`
  /// (ordered by file, line and column); the state is nil when any of them is an error.
  public func load(paths: [String], into diagnostics: some DiagnosticCollector) -> DesiredState? {
    let found = DiagnosticList()
    var fragments: [ConfigFragment] = []
    var seen = Set<String>()
    for file in expand(paths, into: found) {
      let canonical = URL(fileURLWithPath: file).standardizedFileURL.path
      guard seen.insert(canonical).inserted else { continue }
      // The file is read a chunk at a time as libyaml asks: its bytes never sit whole in
      // memory beside the aliases read from them (27 MB at 100,000 aliases).
      guard let handle = ConfigSource.open(file, limit: limits.maxFileBytes, into: found) else {
        continue
      }
      let handoff = readsAliasesAsParsed ? ConfigEntryHandoff(file: file) : nil
      let document = YAMLLoader.loadDocument(
        file: handle, named: file, limits: limits, entryReader: handoff, into: found)
      fragments.append(fragment(of: document, file: file, handoff: handoff, into: found))
    }
    return finish(fragments, found, into: diagnostics)
  }

  /// Loads one document given as text; `file` names it in diagnostics.
  public func load(text: String, file: String, into diagnostics: some DiagnosticCollector)
    -> DesiredState?
  {
    let found = DiagnosticList()
    let handoff = readsAliasesAsParsed ? ConfigEntryHandoff(file: file) : nil
    let document = YAMLLoader.loadDocument(
      text: text, file: file, limits: limits, entryReader: handoff, into: found)
    let fragments = document.map { [fragment(of: $0, file: file, handoff: handoff, into: found)] } ?? []
    return finish(fragments, found, into: diagnostics)
  }

  /// The fragment of a loaded document (empty when it could not be loaded); what a handoff read
  /// while the document was built is dropped with the document when it could not.
  private func fragment(
    of document: YAMLDocument?, file: String, handoff: ConfigEntryHandoff?,
    into found: DiagnosticList
  ) -> ConfigFragment {
    guard let document else { return ConfigFragment(file: file) }
    if let handoff { return handoff.finish(document, into: found) }
    return ConfigFileReader.read(document, file: file, into: found)
  }

  /// Loads files and folders into a result holding the state and the sorted diagnostics.
  public func load(paths: [String]) -> ConfigLoadResult {
    let diagnostics = DiagnosticList()
    let state = load(paths: paths, into: diagnostics)
    return ConfigLoadResult(state: state, diagnostics: diagnostics.diagnostics)
  }

  /// Loads one document given as text into a result; `file` names it in diagnostics.
  public func load(text: String, file: String) -> ConfigLoadResult {
    let diagnostics = DiagnosticList()
    let state = load(text: text, file: file, into: diagnostics)
    return ConfigLoadResult(state: state, diagnostics: diagnostics.diagnostics)
  }

  private func finish(
    _ fragments: [ConfigFragment], _ found: DiagnosticList, into diagnostics: some DiagnosticCollector
  ) -> DesiredState? {
    let state = DesiredStateAssembler(into: found).assemble(fragments)
    diagnostics.emit(contentsOf: found.sorted)
    return found.hasErrors ? nil : state
  }

  /// Files to read: each file path as is, each folder's YAML files in name order.
  private func expand(_ paths: [String], into diagnostics: DiagnosticList) -> [String] {
    ConfigSource.files(paths, into: diagnostics)
  }

}
