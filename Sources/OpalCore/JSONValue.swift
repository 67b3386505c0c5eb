import Foundation

/// A JSON value: what smoke inputs, options, schemas and call payloads are made of.
///
/// Integers and floating-point numbers are kept apart so that `3` round-trips as `3`,
/// not `3.0`. Objects are unordered; `canonicalJSON` sorts keys for stable hashing.
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// The string payload, when this is a string.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The numeric payload as a Double, for integers and numbers.
  public var doubleValue: Double? {
    switch self {
    case .integer(let i): return Double(i)
    case .number(let d): return d
    default: return nil
    }
  }

  /// The object payload, when this is an object.
  public var objectValue: [String: JSONValue]? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// The array payload, when this is an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// Member lookup on objects; `nil` for anything else.
  public subscript(key: String) -> JSONValue? {
    objectValue?[key]
  }

  /// The JSON Schema type name of this value (`integer` for whole numbers).
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .integer: return "integer"
    case .number: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }
}

extension JSONValue: Codable {
  /// Each JSON kind matches exactly one of the tries, so their order changes nothing but the
  /// cost: every failed try builds a `DecodingError` with its coding path, so the common kinds
  /// go first (strings, then objects and arrays: a route graph was 35 % of a 1,000-route plan's
  /// CPU when objects came last, behind five failures each).
  public init(from decoder: any Decoder) throws {
    if let node = decoder as? TreeNode {  // JSONTreeDecoder: the node is the value
      self = node.value
      return
    }
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let s = try? container.decode(String.self) {
      self = .string(s)
    } else if let o = try? container.decode([String: JSONValue].self) {
      self = .object(o)
    } else if let a = try? container.decode([JSONValue].self) {
      self = .array(a)
    } else if let i = try? container.decode(Int.self) {
      self = .integer(i)
    } else if let d = try? container.decode(Double.self) {
      self = .number(d)
    } else if let b = try? container.decode(Bool.self) {
      self = .bool(b)
    } else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "not a JSON value")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let b): try container.encode(b)
    case .integer(let i): try container.encode(i)
    case .number(let d): try container.encode(d)
    case .string(let s): try container.encode(s)
    case .array(let a): try container.encode(a)
    case .object(let o): try container.encode(o)
    }
  }
}

extension JSONValue {
  /// Compact JSON text with object keys sorted: the same value always gives the same bytes.
  public var canonicalJSON: String {
    String(decoding: CompactJSON.bytes(of: self), as: UTF8.self)
  }
}
