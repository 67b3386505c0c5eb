import Foundation
import OpalCore

/// Snapshots on disk: written through `OutputFile` (a temporary file, fsynced, renamed into
/// place; every write checked) and read back as untrusted input: only a regular file, at most
/// `maxBytes`, JSON of `kind: opal-snapshot` at `format_version` 1, else one clear error.
public enum SnapshotFile {
  /// The largest snapshot read (a snapshot of 100,000 aliases is well under this).
  public static let maxBytes = 64 << 20
  /// Where snapshots go by default, relative to the working directory.
  public static let defaultFolder = ".opal/snapshots"

  /// Why a snapshot cannot be read.
  public struct ReadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
  }

  /// The snapshot as JSON bytes (pretty, keys sorted, ending with a newline).
  public static func encode(_ snapshot: Snapshot) -> [UInt8] {
    var data = PrettyJSON.data(snapshot)
    data.append(0x0A)
    return Array(data)
  }

  /// Writes the snapshot to `output`; returns once it is on disk (fsynced) or throws why not.
  public static func write(_ snapshot: Snapshot, to output: OutputFile) throws(OutputFileError) {
    try output.write(encode(snapshot), standardOutput: { _ in })
  }

  /// A new default path under `directory`/.opal/snapshots (created when missing):
  /// `<UTC time>-<6 random hex digits>.json`, so two applies in the same second do not collide.
  public static func defaultPath(in directory: String, at date: Date = Date()) throws(OutputFileError)
    -> String
  {
    let folder = directory.hasSuffix("/") ? directory + defaultFolder : directory + "/" + defaultFolder
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw OutputFileError(
        path: folder, reason: "cannot create the snapshot folder (\(error.localizedDescription))")
    }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    let id = String(UInt32.random(in: 0...0xFF_FFFF), radix: 16)
    return
      "\(folder)/\(formatter.string(from: date))-\(String(repeating: "0", count: 6 - id.count) + id).json"
  }

  /// Reads and checks a snapshot file.
  public static func read(from path: String) throws(ReadError) -> Snapshot {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw ReadError(path: path, message: "cannot read it (\(String(cString: strerror(errno))))")
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw ReadError(
        path: path, message: "not a regular file; a snapshot is a JSON file written by `opal apply`")
    }
    guard Int(info.st_size) <= maxBytes else {
      throw ReadError(
        path: path, message: "\(info.st_size) bytes, more than a snapshot may hold (\(maxBytes))")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ReadError(path: path, message: "cannot open it for reading")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      // One byte past the limit tells a file that grew after the stat.
      data = try handle.read(upToCount: maxBytes + 1) ?? Data()
    } catch {
      throw ReadError(path: path, message: "reading it failed (\(error.localizedDescription))")
    }
    guard data.count <= maxBytes else {
      throw ReadError(path: path, message: "more than a snapshot may hold (\(maxBytes) bytes)")
    }
    return try decode(data, path: path)
  }

  /// A snapshot from JSON bytes; `path` only names the source in errors.
  public static func decode(_ data: Data, path: String = "snapshot") throws(ReadError) -> Snapshot {
    do {
      return try JSONDecoder().decode(Snapshot.self, from: data)
    } catch let error as Snapshot.UnsupportedDocument {
      throw ReadError(path: path, message: error.description)
    } catch let error as DecodingError {
      if case .dataCorrupted = error { throw ReadError(path: path, message: "not a JSON snapshot file") }
      throw ReadError(path: path, message: "not an opal snapshot: \(error.readableDescription)")
    } catch {
      throw ReadError(path: path, message: "not a JSON snapshot file")
    }
  }
}
