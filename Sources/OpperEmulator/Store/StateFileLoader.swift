import Foundation
import OpperAPI

/// What loading a `--state` file found: the contents, the size of the journal after the
/// snapshot (bytes kept), and warnings for the operator (a torn last change that was dropped).
struct LoadedState {
  var contents = StoreContents()
  var snapshotBytes = 0
  var journalBytes = 0
  var warnings: [String] = []
}

/// Reads a `--state` file: only a regular file, at most `maxBytes`, the snapshot line then
/// every change replayed. A last change without its end of line is a write a crash cut short
/// (it was never answered): it is dropped with a warning. Anything else that does not decode is
/// damage, and one error that says where; nothing is guessed.
enum StateFileLoader {
  /// Larger files are refused before anything is read (100,000 aliases take ~30 MB).
  static let maxBytes = 1 << 30

  static func load(path: String, maxBytes: Int = maxBytes) throws -> LoadedState {
    guard let data = try read(path, maxBytes: maxBytes) else { return LoadedState() }
    var loaded = LoadedState()
    let newline = UInt8(ascii: "\n")
    var lines = data.split(separator: newline, omittingEmptySubsequences: false)
    // A complete file ends with an end of line, which leaves one empty piece after it.
    if lines.last?.isEmpty == true { lines.removeLast() }
    guard let first = lines.first else { return loaded }
    let decoder = JSONDecoder()
    let document: StateDocument
    do {
      document = try decoder.decode(StateDocument.self, from: Data(first))
    } catch {
      throw EmulatorFileError(
        path: path, message: "not an emulator state file: \(EmulatorFile.describe(error))")
    }
    for alias in document.aliases { loaded.contents.aliases.put(alias) }
    for model in document.customModels { loaded.contents.customModels.put(model) }
    for route in document.dynamicRoutes ?? [] { loaded.contents.dynamicRoutes.put(route) }
    loaded.snapshotBytes = first.count + 1
    let changes = lines.dropFirst()
    let torn = data.last != newline && !changes.isEmpty
    for (index, line) in changes.enumerated() {
      if torn && index == changes.count - 1 {
        loaded.warnings.append(
          "\(path): the last change (\(line.count) bytes) has no end of line: a write cut short by a "
            + "crash, never answered; it is dropped")
        break
      }
      do {
        try loaded.contents.apply(Data(line), decoder: decoder)
      } catch {
        throw EmulatorFileError(
          path: path,
          message: "change \(index + 1) (line \(index + 2)) is damaged: \(EmulatorFile.describe(error))")
      }
      loaded.journalBytes += line.count + 1
    }
    return loaded
  }

  /// The file's bytes; nil when it does not exist. Refuses what is not a regular file (a FIFO
  /// would block, a device never ends) and what is larger than `maxBytes`, before reading.
  private static func read(_ path: String, maxBytes: Int) throws -> Data? {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw EmulatorFileError(
        path: path, message: "cannot open the state file: \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw EmulatorFileError(path: path, message: "cannot stat the state file")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw EmulatorFileError(path: path, message: "the state file is not a regular file")
    }
    let size = Int(info.st_size)
    guard size <= maxBytes else {
      throw EmulatorFileError(
        path: path, message: "the state file is \(size) bytes, more than the \(maxBytes) the emulator reads")
    }
    var data = Data(count: size)
    let got = data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Int in
      var offset = 0
      while offset < size {
        let n = Foundation.read(fd, buffer.baseAddress! + offset, size - offset)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        offset += n
      }
      return offset
    }
    guard got == size else {
      throw EmulatorFileError(path: path, message: "the state file changed size while it was read")
    }
    return data
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
