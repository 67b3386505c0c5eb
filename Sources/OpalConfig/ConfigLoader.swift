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
    let fm = FileManager.default
    var files: [String] = []
    for path in paths {
      var isFolder: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isFolder) else {
        diagnostics.append(
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
        diagnostics.append(.error("cannot list folder \(path): \(error.localizedDescription)"))
        continue
      }
      let yaml = names.filter { name in
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { return false }
        var sub: ObjCBool = false
        let full = (path as NSString).appendingPathComponent(name)
        return fm.fileExists(atPath: full, isDirectory: &sub) && !sub.boolValue
      }.sorted()
      if yaml.isEmpty {
        diagnostics.append(
          .error(
            "folder \(path) holds no *.yaml or *.yml files",
            hint: "a config folder's files are read in name order, not recursively"))
      }
      files += yaml.map { (path as NSString).appendingPathComponent($0) }
    }
    return files
  }

  /// The file's bytes; files over the size limit are refused before they are read.
  private func read(_ file: String, diagnostics: inout [Diagnostic]) -> Data? {
    let start = SourceLocation(file: file, line: 1, column: 1)
    if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int,
      size > limits.maxFileBytes
    {
      diagnostics.append(
        .error(
          "file is \(size) bytes, more than the limit of \(limits.maxFileBytes) bytes", at: start,
          hint: "a config file is text of a few megabytes at most; is this the right file?"))
      return nil
    }
    guard let handle = FileHandle(forReadingAtPath: file) else {
      diagnostics.append(.error("cannot read \(file)", at: start))
      return nil
    }
    defer { try? handle.close() }
    do {
      // Read one byte past the limit so a file that grew since the size check is still refused.
      return try handle.read(upToCount: limits.maxFileBytes + 1) ?? Data()
    } catch {
      diagnostics.append(.error("cannot read \(file): \(error.localizedDescription)", at: start))
      return nil
    }
  }
}
