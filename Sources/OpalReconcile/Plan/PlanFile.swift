import Foundation
import OpalCore

/// A plan saved with `plan -o FILE` and read back by `apply FILE`: the plan's JSON document
/// (`format_version` 1, see docs/plan-format.md) with both fingerprints and the remote snapshot.
public enum PlanFile {
  /// The largest plan file read (a plan of 100,000 aliases with their content is well under it).
  public static let maxBytes = 512 << 20

  /// Why a plan file cannot be read.
  public typealias ReadError = SavedDocumentError

  /// The plan as JSON bytes (pretty, keys sorted, ending with a newline): `PrettyJSON.data(plan)`
  /// byte for byte, written in one pass by `PlanDocumentWriter`.
  public static func encode(_ plan: Plan) -> Data {
    Data(PlanDocumentWriter.bytes(plan))
  }

  /// Writes the plan through `OutputFile` (atomically; a failed write is an error).
  public static func write(_ plan: Plan, to path: String) throws {
    try OutputFile(path).write(Array(encode(plan)), standardOutput: { _ in })
  }

  /// Reads a plan back from JSON bytes; `path` only names the source in errors.
  public static func decode(_ data: Data, path: String = "plan") throws(ReadError) -> Plan {
    try document.decode(data, path: path)
  }

  /// Reads a plan file from disk: only a regular file of at most `maxBytes`.
  public static func read(from path: String) throws(ReadError) -> Plan {
    try document.read(from: path)
  }

  private static let document = SavedDocument<Plan>(noun: "plan", limit: maxBytes)
}

extension Plan.UnsupportedVersion: UnsupportedDocumentError {}
