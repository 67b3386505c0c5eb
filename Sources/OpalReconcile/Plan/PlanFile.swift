import Foundation
import OpalCore

/// A plan saved with `plan -o FILE` and read back by `apply FILE`: the plan's JSON document
/// (`format_version` 1, see docs/plan-format.md) with both fingerprints and the remote snapshot.
public enum PlanFile {
  /// Why a plan file cannot be read.
  public struct ReadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
  }

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
    do {
      return try JSONDecoder().decode(Plan.self, from: data)
    } catch let error as Plan.UnsupportedVersion {
      throw ReadError(path: path, message: error.description)
    } catch let error as DecodingError {
      if case .dataCorrupted = error { throw ReadError(path: path, message: "not a JSON plan file") }
      throw ReadError(path: path, message: "not an opal plan: \(error.readableDescription)")
    } catch {
      throw ReadError(path: path, message: "not a JSON plan file")
    }
  }

  /// Reads a plan file from disk.
  public static func read(from path: String) throws(ReadError) -> Plan {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ReadError(path: path, message: "cannot read the file")
    }
    return try decode(data, path: path)
  }
}
