/// Decodes a `Decodable` from JSON text by way of a `JSONValue` tree: `JSONValueReader` reads the
/// text, then the type's own `init(from:)` runs over the tree. A `JSONValue` member is the
/// tree's node itself (no containers, no failed tries), so answers made mostly of free-form JSON
/// (route graphs) decode in a fraction of `JSONDecoder`'s time.
///
/// It follows `JSONDecoder`'s default strategies: keys as written, a missing key is
/// `keyNotFound`, `null` for a value is `valueNotFound`, a wrong kind is `typeMismatch`, a number
/// that does not fit its type is `dataCorrupted`, and text that is not JSON is `dataCorrupted`
/// at the root; a number that does not fit names its key (where `JSONDecoder` names none).
/// Integers past `Int` are read as `Double`, so a `UInt64` above `Int.max` is refused, not
/// rounded. Types that need `JSONDecoder`'s special cases (`Date`, `Data`, `URL`) do not
/// belong here.
public enum JSONTreeDecoder {
  /// `type` decoded from `bytes`.
  public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
    let tree: JSONValue
    do {
      tree = try JSONValueReader.read(bytes)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: [], debugDescription: "The given data was not valid JSON.", underlyingError: error))
    }
    return try T(from: TreeNode(tree, path: []))
  }
}

/// A type whose answers are decoded with `JSONTreeDecoder` rather than `JSONDecoder`: one made
/// mostly of free-form `JSONValue`s (the management API's envelopes around route graphs).
public protocol JSONTreeDecodable: Decodable {}

/// One node of the tree as a `Decoder`.
struct TreeNode: Decoder {
  let value: JSONValue
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(_ value: JSONValue, path: [any CodingKey]) {
    self.value = value
    self.codingPath = path
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let members) = value else {
      throw TreeNode.mismatch([String: Any].self, value, codingPath)
    }
    return KeyedDecodingContainer(TreeObject<Key>(members, path: codingPath))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let elements) = value else { throw TreeNode.mismatch([Any].self, value, codingPath) }
    return TreeArray(elements, path: codingPath)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

  /// `T` from `value`, found at `path`: scalars directly, `JSONValue` as itself, others through
  /// their `init(from:)`.
  static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> T {
    if T.self == JSONValue.self { return value as! T }
    if case .null = value, !(T.self is any ExpressibleByNilLiteral.Type) {
      throw DecodingError.valueNotFound(
        T.self,
        .init(
          codingPath: path, debugDescription: "Cannot get value of type \(T.self) -- found null value instead"
        ))
    }
    switch T.self {
    case is String.Type: return try string(value, path) as! T
    case is Bool.Type: return try bool(value, path) as! T
    case is Int.Type: return try integer(Int.self, value, path) as! T
    case is Double.Type: return try double(value, path) as! T
    default: return try T(from: TreeNode(value, path: path))
    }
  }

  static func string(_ value: JSONValue, _ path: [any CodingKey]) throws -> String {
    guard case .string(let s) = value else { throw mismatch(String.self, value, path) }
    return s
  }

  static func bool(_ value: JSONValue, _ path: [any CodingKey]) throws -> Bool {
    guard case .bool(let b) = value else { throw mismatch(Bool.self, value, path) }
    return b
  }

  static func double(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
    switch value {
    case .integer(let i): return Double(i)
    case .number(let d): return d
    default: throw mismatch(Double.self, value, path)
    }
  }

  static func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, _ path: [any CodingKey])
    throws -> I
  {
    let fitted: I?
    switch value {
    case .integer(let i): fitted = I(exactly: i)
    case .number(let d): fitted = I(exactly: d)
    default: throw mismatch(I.self, value, path)
    }
    guard let fitted else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: path, debugDescription: "Number \(value.canonicalJSON) does not fit in \(I.self)."))
    }
    return fitted
  }

  static func float(_ value: JSONValue, _ path: [any CodingKey]) throws -> Float {
    let d = try double(value, path)
    guard d.isNaN || abs(d) <= Double(Float.greatestFiniteMagnitude) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: path, debugDescription: "Number \(d) does not fit in Float."))
    }
    return Float(d)
  }

  static func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    let found = value == .null ? "null" : "a \(value.typeName)"
    return .typeMismatch(
      type,
      .init(codingPath: path, debugDescription: "Expected to decode \(type) but found \(found) instead."))
  }
}

extension TreeNode: SingleValueDecodingContainer {
  func decodeNil() -> Bool { value == .null }
  func decode(_ type: Bool.Type) throws -> Bool { try Self.bool(value, codingPath) }
  func decode(_ type: String.Type) throws -> String { try Self.string(value, codingPath) }
  func decode(_ type: Double.Type) throws -> Double { try Self.double(value, codingPath) }
  func decode(_ type: Float.Type) throws -> Float { try Self.float(value, codingPath) }
  func decode(_ type: Int.Type) throws -> Int { try Self.integer(type, value, codingPath) }
  func decode(_ type: Int8.Type) throws -> Int8 { try Self.integer(type, value, codingPath) }
  func decode(_ type: Int16.Type) throws -> Int16 { try Self.integer(type, value, codingPath) }
  func decode(_ type: Int32.Type) throws -> Int32 { try Self.integer(type, value, codingPath) }
  func decode(_ type: Int64.Type) throws -> Int64 { try Self.integer(type, value, codingPath) }
  func decode(_ type: UInt.Type) throws -> UInt { try Self.integer(type, value, codingPath) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try Self.integer(type, value, codingPath) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try Self.integer(type, value, codingPath) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try Self.integer(type, value, codingPath) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try Self.integer(type, value, codingPath) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    // `T(from: self)` for a type that asks for a single value again; the node stays the node.
    if T.self == JSONValue.self { return value as! T }
    return try Self.decode(type, value, codingPath)
  }
}

/// A coding key for an array index.
struct TreeIndex: CodingKey {
  var intValue: Int?
  var stringValue: String { "Index \(intValue ?? 0)" }
  init(_ index: Int) { intValue = index }
  init?(stringValue: String) { nil }
  init?(intValue: Int) { self.intValue = intValue }
}
