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

  public init(limits: YAMLLimits = YAMLLimits()) {
    self.limits = limits
  }

  /// Loads files and folders, in the order given.
  public func load(paths: [String]) -> ConfigLoadResult {
    var diagnostics: [Diagnostic] = []
    var fragments: [ConfigFragment] = []
    var seen = Set<String>()
    for file in expand(paths, diagnostics: &diagnostics) {
      let canonical = URL(fileURLWithPath: file).standardizedFileURL.path
      guard seen.insert(canonical).inserted else { continue }
      guard let parsed = parse(file, diagnostics: &diagnostics) else { continue }
      diagnostics += parsed.diagnostics
      if let document = parsed.document {
        let (fragment, found) = ConfigFileReader.read(document, file: file)
        diagnostics += found
        fragments.append(fragment)
      } else {
        fragments.append(ConfigFragment(file: file))
      }
    }
    return finish(fragments, diagnostics)
  }

  /// The file's document, nil when the file cannot be read; its bytes are let go on return.
  private func parse(_ file: String, diagnostics: inout [Diagnostic])
    -> (document: YAMLDocument?, diagnostics: [Diagnostic])?
  {
    guard let data = read(file, diagnostics: &diagnostics) else { return nil }
    return data.withUnsafeBytes { raw in
      YAMLLoader.loadDocument(buffer: raw.bindMemory(to: UInt8.self), file: file, limits: limits)
    }
  }

  /// Loads one document given as text; `file` names it in diagnostics.
  public func load(text: String, file: String) -> ConfigLoadResult {
    let parsed = YAMLLoader.loadDocument(text: text, file: file, limits: limits)
    var diagnostics = parsed.diagnostics
    var fragments: [ConfigFragment] = []
    if let document = parsed.document {
      let (fragment, found) = ConfigFileReader.read(document, file: file)
      diagnostics += found
      fragments.append(fragment)
    }
    return finish(fragments, diagnostics)
  }

  private func finish(_ fragments: [ConfigFragment], _ found: [Diagnostic]) -> ConfigLoadResult {
    var assembler = DesiredStateAssembler()
    let state = assembler.assemble(fragments)
    var collector = DiagnosticCollector()
    collector.emit(contentsOf: found)
    collector.emit(contentsOf: assembler.diagnostics)
    return ConfigLoadResult(
      state: collector.hasErrors ? nil : state, diagnostics: collector.sorted)
  }

  /// Files to read: each file path as is, each folder's YAML files in name order.
  private func expand(_ paths: [String], diagnostics: inout [Diagnostic]) -> [String] {
    ConfigSource.files(paths, diagnostics: &diagnostics)
  }

  /// The file's bytes; files over the size limit are refused before they are read.
  private func read(_ file: String, diagnostics: inout [Diagnostic]) -> Data? {
    ConfigSource.read(file, limit: limits.maxFileBytes, diagnostics: &diagnostics)
  }
}
