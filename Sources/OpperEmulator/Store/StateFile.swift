import Foundation
import OpperAPI

/// The `--state` file, an append-only journal in JSON Lines: the first line is a snapshot (the
/// `StateDocument`: aliases and custom models in creation order), every later line one change
/// (`{"kind": "aliases", "put": RECORD}` or `{"kind": "aliases", "delete": ID}`), appended with
/// one `write` and `fsync`ed. Loading replays the changes onto the snapshot; a torn last line (a
/// crash mid-append) is ignored. The file is compacted to a fresh snapshot (a temporary file
/// renamed over it) when it is opened and every `compactEvery` changes. Custom models' API keys
/// are write-only in the API and are never written.
final class StateFile {
  let path: String
  let compactEvery: Int
  private var descriptor: Int32 = -1
  private var changesSinceSnapshot = 0

  init(path: String, compactEvery: Int = 1000) {
    self.path = path
    self.compactEvery = max(1, compactEvery)
  }

  deinit { if descriptor >= 0 { close(descriptor) } }

  /// Reads the saved contents (empty when the file does not exist yet) and compacts the file.
  func open() throws -> StoreContents {
    let contents = try Self.load(path: path)
    try compact(contents)
    return contents
  }

  /// Appends one change; compacts to `contents` (the state after it) every `compactEvery`.
  func record<Record: StoredRecord>(_ change: StateChange<Record>, contents: StoreContents) throws {
    changesSinceSnapshot += 1
    if changesSinceSnapshot >= compactEvery {
      try compact(contents)
      return
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var line = try encoder.encode(change)
    line.append(UInt8(ascii: "\n"))
    try append(line)
  }

  /// Writes `contents` as a lone snapshot: a temporary file, `fsync`ed, renamed over `path`.
  func compact(_ contents: StoreContents) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(
      StateDocument(
        aliases: contents.aliases.all, customModels: contents.customModels.all,
        dynamicRoutes: contents.dynamicRoutes.all))
    data.append(UInt8(ascii: "\n"))
    let url = URL(fileURLWithPath: path)
    let temp = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    let fd = Foundation.open(temp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw failure("cannot create \(temp.path)") }
    do {
      try writeAll(fd, data)
      guard fsync(fd) == 0 else { throw failure("fsync failed") }
      close(fd)
    } catch {
      close(fd)
      unlink(temp.path)
      throw error
    }
    guard rename(temp.path, url.path) == 0 else {
      let error = failure("rename failed")
      unlink(temp.path)
      throw error
    }
    // Make the rename itself durable.
    let directory = Foundation.open(url.deletingLastPathComponent().path, O_RDONLY)
    if directory >= 0 {
      _ = fsync(directory)
      close(directory)
    }
    if descriptor >= 0 { close(descriptor) }
    descriptor = Foundation.open(path, O_WRONLY | O_APPEND)
    guard descriptor >= 0 else { throw failure("cannot reopen the state file") }
    changesSinceSnapshot = 0
  }

  private func append(_ line: Data) throws {
    guard descriptor >= 0 else { throw failure("the state file is not open") }
    try writeAll(descriptor, line)
    guard fsync(descriptor) == 0 else { throw failure("fsync failed") }
  }

  private func failure(_ message: String) -> EmulatorFileError {
    EmulatorFileError(path: path, message: "\(message): \(String(cString: strerror(errno)))")
  }

  private func writeAll(_ fd: Int32, _ data: Data) throws {
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw failure("write failed")
        }
        offset += n
      }
    }
  }

  /// The snapshot with every change replayed. A last line that does not decode is a torn
  /// append and is ignored; a bad line before it is damage, and an error.
  static func load(path: String) throws -> StoreContents {
    var contents = StoreContents()
    guard FileManager.default.fileExists(atPath: path) else { return contents }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw EmulatorFileError(path: path, message: "cannot read the state file")
    }
    var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    guard !lines.isEmpty else { return contents }
    let decoder = JSONDecoder()
    let document: StateDocument
    do {
      document = try decoder.decode(StateDocument.self, from: Data(lines.removeFirst()))
    } catch {
      throw EmulatorFileError(
        path: path, message: "not an emulator state file: \(EmulatorFile.describe(error))")
    }
    for alias in document.aliases { contents.aliases.put(alias) }
    for model in document.customModels { contents.customModels.put(model) }
    for route in document.dynamicRoutes ?? [] { contents.dynamicRoutes.put(route) }
    for (index, line) in lines.enumerated() {
      let isLast = index == lines.count - 1
      do {
        try contents.apply(Data(line), decoder: decoder)
      } catch  where isLast {
        break
      } catch {
        throw EmulatorFileError(
          path: path, message: "change \(index + 1) is damaged: \(EmulatorFile.describe(error))")
      }
    }
    return contents
  }
}

/// The JSON shape of the snapshot line.
struct StateDocument: Codable, Sendable {
  var version = 1
  var aliases: [Alias]
  var customModels: [CustomModel]
  /// Absent in files written before routes existed.
  var dynamicRoutes: [DynamicRouteRecord]?

  init(aliases: [Alias], customModels: [CustomModel], dynamicRoutes: [DynamicRouteRecord] = []) {
    self.aliases = aliases
    self.customModels = customModels
    self.dynamicRoutes = dynamicRoutes.isEmpty ? nil : dynamicRoutes
  }

  enum CodingKeys: String, CodingKey {
    case version, aliases
    case customModels = "custom_models"
    case dynamicRoutes = "dynamic_routes"
  }
}
