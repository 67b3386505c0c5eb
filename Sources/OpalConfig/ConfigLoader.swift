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

  /// Loads files and folders, in the order given, emitting every diagnostic into `diagnostics`
  /// (ordered by file, line and column); the state is nil when any of them is an error.
  public func load(paths: [String], into diagnostics: some DiagnosticCollector) -> DesiredState? {
    let found = DiagnosticList()
    var fragments: [ConfigFragment] = []
    var seen = Set<String>()
    for file in expand(paths, into: found) {
      let canonical = URL(fileURLWithPath: file).standardizedFileURL.path
      guard seen.insert(canonical).inserted else { continue }
      guard let data = read(file, into: found) else { continue }
      let document = data.withUnsafeBytes { raw in
        // The document does not refer to the file's bytes, which are let go on return.
        YAMLLoader.loadDocument(
          buffer: raw.bindMemory(to: UInt8.self), file: file, limits: limits, into: found)
      }
      fragments.append(
        document.map { ConfigFileReader.read($0, file: file, into: found) } ?? ConfigFragment(file: file))
    }
    return finish(fragments, found, into: diagnostics)
  }

  /// Loads one document given as text; `file` names it in diagnostics.
  public func load(text: String, file: String, into diagnostics: some DiagnosticCollector)
    -> DesiredState?
  {
    let found = DiagnosticList()
    let document = YAMLLoader.loadDocument(text: text, file: file, limits: limits, into: found)
    let fragments = document.map { [ConfigFileReader.read($0, file: file, into: found)] } ?? []
    return finish(fragments, found, into: diagnostics)
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
    let fm = FileManager.default
    var files: [String] = []
    for path in paths {
      var isFolder: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
        diagnostics.emit(
          .error(
            "no such file or folder: \(path)",
            hint: "pass a config file or a folder of them with -f/--file"))
        continue
      }
      guard isFolder.boolValue else {
        files.append(path)
        continue
      }
      let names: [String]
      do {
        names = try fm.contentsOfDirectory(atPath: path)
      } catch {
        diagnostics.emit(.error("cannot list folder \(path): \(error.localizedDescription)"))
        continue
      }
      let yaml = names.filter { name in
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { return false }
        var sub: ObjCBool = false
        let full = (path as NSString).appendingPathComponent(name)
        return fm.fileExists(atPath: full, isDirectory: &sub) && !sub.boolValue
      }.sorted()
      if yaml.isEmpty {
        diagnostics.emit(
          .error(
            "folder \(path) holds no *.yaml or *.yml files",
            hint: "a config folder's files are read in name order, not recursively"))
      }
      files += yaml.map { (path as NSString).appendingPathComponent($0) }
    }
    return files
  }

  /// The file's bytes; files over the size limit are refused before they are read.
  private func read(_ file: String, into diagnostics: DiagnosticList) -> Data? {
    let start = SourceLocation(file: file, line: 1, column: 1)
    if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int,
      size > limits.maxFileBytes
    {
      diagnostics.emit(
        .error(
          "file is \(size) bytes, more than the limit of \(limits.maxFileBytes) bytes", at: start,
          hint: "a config file is text of a few megabytes at most; is this the right file?"))
      return nil
    }
    guard let handle = FileHandle(forReadingAtPath: file) else {
      diagnostics.emit(.error("cannot read \(file)", at: start))
      return nil
    }
    defer { try? handle.close() }
    do {
      // Read one byte past the limit so a file that grew since the size check is still refused.
      return try handle.read(upToCount: limits.maxFileBytes + 1) ?? Data()
    } catch {
      diagnostics.emit(.error("cannot read \(file): \(error.localizedDescription)", at: start))
      return nil
    }
  }
}
