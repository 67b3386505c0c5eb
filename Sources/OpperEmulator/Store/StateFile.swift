import Foundation
import OpalCore
import OpperAPI

/// The `--state` file, an append-only journal in JSON Lines: the first line is a snapshot (the
/// `StateDocument`: aliases, custom models and dynamic routes in creation order), every later
/// line one change (`{"kind": "aliases", "put": RECORD}` or `{"kind": "aliases", "delete": ID}`),
/// appended by a `JournalAppender` (one `write` before the answer, `fsync` batched). Loading
/// (`StateFileLoader`) replays the changes onto the snapshot and drops a torn last line with a
/// warning. The file is compacted to a fresh snapshot (a temporary file, `fsync`ed, renamed
/// over it) when it is opened and when the journal has grown past both the snapshot's size and
/// `compactionFloor` bytes, so the rewrites cost O(1) per change over time. Custom models' API
/// keys are write-only in the API and are never written.
final class StateFile {
  let path: String
  /// The journal is compacted only once it holds more than this many bytes.
  let compactionFloor: Int
  private let flushDelay: Duration
  private let warn: (String) -> Void
  private var appender: JournalAppender?
  private var snapshotBytes = 0

  init(
    path: String, compactionFloor: Int = 4 << 20, flushDelay: Duration = .milliseconds(20),
    warn: @escaping (String) -> Void = StateFile.printWarning
  ) {
    self.path = path
    self.compactionFloor = max(0, compactionFloor)
    self.flushDelay = flushDelay
    self.warn = warn
  }

  deinit { appender?.flush() }

  /// Reads the saved contents (empty when the file does not exist yet), says what was dropped,
  /// and compacts the file.
  func open() throws -> StoreContents {
    let loaded = try StateFileLoader.load(path: path)
    for warning in loaded.warnings { warn(warning) }
    try compact(loaded.contents)
    return loaded.contents
  }

  /// Appends one change; compacts to `contents` (the state after it) once the journal is large.
  func record<Record: StoredRecord>(_ change: StateChange<Record>, contents: StoreContents) throws {
    guard let appender else { throw Self.failure(path, "the state file is not open") }
    if appender.bytes - snapshotBytes > max(compactionFloor, snapshotBytes) {
      try compact(contents)
      return
    }
    var line = Data(try CompactJSON.bytes(change))
    line.append(UInt8(ascii: "\n"))
    try appender.append(line)
  }

  /// Writes `contents` as a lone snapshot: a temporary file, `fsync`ed, renamed over `path`.
  func compact(_ contents: StoreContents) throws {
    var data = Data(
      try CompactJSON.bytes(
        StateDocument(
          aliases: contents.aliases.all, customModels: contents.customModels.all,
          dynamicRoutes: contents.dynamicRoutes.all)))
    data.append(UInt8(ascii: "\n"))
    let url = URL(fileURLWithPath: path)
    let temp = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    let fd = Foundation.open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw Self.failure(path, "cannot create \(temp.path)") }
    do {
      try Self.writeAll(fd, data, path: path)
      guard fsync(fd) == 0 else { throw Self.failure(path, "fsync failed") }
      close(fd)
    } catch {
      close(fd)
      unlink(temp.path)
      throw error
    }
    guard rename(temp.path, url.path) == 0 else {
      let error = Self.failure(path, "rename failed")
      unlink(temp.path)
      throw error
    }
    // Make the rename itself durable.
    let directory = Foundation.open(url.deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
    if directory >= 0 {
      _ = fsync(directory)
      close(directory)
    }
    appender = try JournalAppender(path: path, flushDelay: flushDelay)
    snapshotBytes = data.count
  }

  static func printWarning(_ message: String) {
    FileHandle.standardError.write(Data("emulator: warning: \(message)\n".utf8))
  }

  static func failure(_ path: String, _ message: String) -> EmulatorFileError {
    EmulatorFileError(path: path, message: "\(message): \(String(cString: strerror(errno)))")
  }

  /// Writes all of `data` to `fd` (retrying short writes and EINTR), or throws.
  static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw failure(path, "write failed")
        }
        offset += n
      }
    }
  }
}
