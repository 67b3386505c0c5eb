import Foundation
import OpalCore
import OpalYAML

/// Reading the emulator's input files (JSON or YAML) and moving values between `JSONValue`
/// and Codable types.
enum EmulatorFile {
  /// The largest input file read (a catalog, a faults document or a policy file).
  static let maxBytes = 64 << 20

  /// The document of a JSON or YAML file (JSON is YAML, so one parser reads both; JSON is
  /// tried first for speed and exact numbers).
  /// Only a regular file of at most `maxBytes` is read (`RegularFile`).
  static func loadDocument(path: String) throws -> JSONValue {
    let data: Data
    do {
      data = try RegularFile.read(path, limit: maxBytes)
    } catch {
      throw EmulatorFileError(path: path, message: "cannot read the file: \(error)")
    }
    if let value = try? JSONDecoder().decode(JSONValue.self, from: data) { return value }
    let (root, diagnostics) = YAMLLoader.load(bytes: [UInt8](data), file: path)
    if let error = diagnostics.first(where: { $0.severity == .error }) {
      let at = error.location.map { "line \($0.line): " } ?? ""
      throw EmulatorFileError(path: path, message: "\(at)\(error.message)")
    }
    guard let root else { throw EmulatorFileError(path: path, message: "the file is empty") }
    return root.jsonValue
  }

  static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
    let data = try JSONEncoder().encode(value)
    return try JSONDecoder().decode(type, from: data)
  }

  static func encodeValue<T: Encodable>(_ value: T) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
  }

  /// A short, user-readable account of a decoding error (the coding path and the problem).
  static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ keys: [any CodingKey]) -> String {
      keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error {
    case .typeMismatch(let t, let c): return "\(path(c.codingPath)): expected \(t)"
    case .valueNotFound(_, let c): return "\(path(c.codingPath)): missing value"
    case .keyNotFound(let k, let c): return "\(path(c.codingPath + [k])): required"
    case .dataCorrupted(let c): return "\(path(c.codingPath)): \(c.debugDescription)"
    @unknown default: return "\(error)"
    }
  }
}
