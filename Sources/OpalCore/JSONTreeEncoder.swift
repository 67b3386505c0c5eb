import Foundation

/// Encodes an `Encodable` into a `JSONValue` tree, the tree `JSONEncoder` would write: a
/// `JSONValue` member is stored as itself (no containers), so documents made mostly of route
/// graphs are built in a fraction of `JSONEncoder`'s time and then written by a writer that lays
/// them out like `PrettyJSON` (`PrettyJSONWriter`).
///
/// Whatever `JSONEncoder` treats specially or writes in a way a `JSONValue` cannot hold
/// (`Date`, `Data`, `URL`, `Decimal`, `Float`, an integer past `Int`, a non-finite number) is
/// refused with `Unsupported`, so a caller can fall back to `JSONEncoder` and never
/// write different bytes.
public enum JSONTreeEncoder {
  /// The value cannot be encoded into a tree the way `JSONEncoder` would write it.
  public struct Unsupported: Error, Sendable {
    public var what: String
  }

  /// `value` as a tree; a value that encodes nothing is an empty object, as with `JSONEncoder`.
  public static func encode(_ value: some Encodable) throws -> JSONValue {
    try TreeEncoding.tree(of: value)
  }
}

/// One value being encoded: whichever container it asked for, as a box the containers share.
final class TreeEncoding: Encoder {
  enum Slot {
    case none
    case value(JSONValue)
    case object(TreeObjectBox)
    case array(TreeArrayBox)
  }

  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }
  var slot = Slot.none

  init(path: [any CodingKey]) { codingPath = path }

  /// The tree of one value: scalars and `JSONValue` directly, others through `encode(to:)`.
  static func tree<T: Encodable>(of value: T, path: [any CodingKey] = []) throws -> JSONValue {
    if T.self == JSONValue.self { return value as! JSONValue }
    if T.self == String.self { return .string(value as! String) }
    if T.self == Bool.self { return .bool(value as! Bool) }
    if T.self == Int.self { return .integer(value as! Int) }
    if T.self == Double.self { return try number(value as! Double, path) }
    if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self {
      throw JSONTreeEncoder.Unsupported(what: "\(T.self)")
    }
    let encoding = TreeEncoding(path: path)
    try value.encode(to: encoding)
    return encoding.frozen
  }

  static func number(_ d: Double, _ path: [any CodingKey]) throws -> JSONValue {
    guard d.isFinite else { throw JSONTreeEncoder.Unsupported(what: "non-finite number") }
    return .number(d)
  }

  static func integer<I: FixedWidthInteger>(_ i: I) throws -> JSONValue {
    guard let fitted = Int(exactly: i) else { throw JSONTreeEncoder.Unsupported(what: "integer past Int") }
    return .integer(fitted)
  }

  var frozen: JSONValue {
    switch slot {
    case .none: return .object([:])
    case .value(let v): return v
    case .object(let box): return box.frozen
    case .array(let box): return box.frozen
    }
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    let box: TreeObjectBox
    if case .object(let existing) = slot {
      box = existing
    } else {
      box = TreeObjectBox()
      slot = .object(box)
    }
    return KeyedEncodingContainer(TreeObjectEncoding<Key>(box, path: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    let box: TreeArrayBox
    if case .array(let existing) = slot {
      box = existing
    } else {
      box = TreeArrayBox()
      slot = .array(box)
    }
    return TreeArrayEncoding(box, path: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { TreeSingleEncoding(self) }
}

/// An object under construction; members may still be open containers.
final class TreeObjectBox {
  var members: [String: TreeMember] = [:]
  var frozen: JSONValue { .object(members.mapValues(\.frozen)) }
}

/// An array under construction; elements may still be open containers.
final class TreeArrayBox {
  var elements: [TreeMember] = []
  var frozen: JSONValue { .array(elements.map(\.frozen)) }
}

/// A member or element: a finished value, or a nested container or super encoder still being
/// filled.
enum TreeMember {
  case value(JSONValue)
  case object(TreeObjectBox)
  case array(TreeArrayBox)
  case encoding(TreeEncoding)

  var frozen: JSONValue {
    switch self {
    case .value(let v): return v
    case .object(let box): return box.frozen
    case .array(let box): return box.frozen
    case .encoding(let encoding): return encoding.frozen
    }
  }
}

/// The single-value container of a `TreeEncoding`.
struct TreeSingleEncoding: SingleValueEncodingContainer {
  let encoding: TreeEncoding
  var codingPath: [any CodingKey] { encoding.codingPath }

  init(_ encoding: TreeEncoding) { self.encoding = encoding }

  mutating func encodeNil() throws { encoding.slot = .value(.null) }
  mutating func encode(_ value: Bool) throws { encoding.slot = .value(.bool(value)) }
  mutating func encode(_ value: String) throws { encoding.slot = .value(.string(value)) }
  mutating func encode(_ value: Double) throws {
    encoding.slot = .value(try TreeEncoding.number(value, codingPath))
  }
  mutating func encode(_ value: Float) throws {
    // JSONEncoder writes a Float by its own shortest form, which a Double cannot keep.
    throw JSONTreeEncoder.Unsupported(what: "Float")
  }
  mutating func encode(_ value: Int) throws { encoding.slot = .value(.integer(value)) }
  mutating func encode(_ value: Int8) throws { encoding.slot = .value(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: Int16) throws { encoding.slot = .value(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: Int32) throws { encoding.slot = .value(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: Int64) throws { encoding.slot = .value(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: UInt) throws { encoding.slot = .value(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: UInt8) throws { encoding.slot = .value(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: UInt16) throws { encoding.slot = .value(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: UInt32) throws { encoding.slot = .value(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: UInt64) throws { encoding.slot = .value(try TreeEncoding.integer(value)) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    encoding.slot = .value(try TreeEncoding.tree(of: value, path: codingPath))
  }
}
