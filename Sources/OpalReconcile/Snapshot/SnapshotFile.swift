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
  public typealias ReadError = SavedDocumentError

  /// The snapshot as JSON bytes (pretty, keys sorted, ending with a newline).
  public static func encode(_ snapshot: Snapshot) -> [UInt8] {
    var bytes = SnapshotDocumentWriter.bytes(snapshot)
    bytes.append(0x0A)
    return bytes
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
    let id = String(UInt32.random(in: 0...0xFF_FFFF), radix: 16)
    return
      "\(folder)/\(InternetTimestamp.basic(date))-\(String(repeating: "0", count: 6 - id.count) + id).json"
  }

  /// Reads and checks a snapshot file.
  public static func read(from path: String) throws(ReadError) -> Snapshot {
    try document.read(from: path)
  }

  /// A snapshot from JSON bytes; `path` only names the source in errors.
  public static func decode(_ data: Data, path: String = "snapshot") throws(ReadError) -> Snapshot {
    try document.decode(data, path: path)
  }

  private static let document = SavedDocument<Snapshot>(noun: "snapshot", limit: maxBytes)
}

extension Snapshot.UnsupportedDocument: UnsupportedDocumentError {}
