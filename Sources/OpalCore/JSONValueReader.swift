/// Reads JSON text (RFC 8259, UTF-8) straight into a `JSONValue`, in one pass over the bytes.
///
/// `JSONDecoder` reaches a `JSONValue` only through `Decodable`: every object and array is a
/// generic container and every kind is found by failed tries, which made decoding route graphs
/// a third of a 1,000-route plan's CPU. This reader makes the same values the same way
/// `JSONValue(from:)` does under `JSONDecoder`: a number whose value is whole and fits `Int` is
/// `.integer` (`1.0`, `1e2`, `-0` too), any other finite number `.number`; the first of two equal
/// keys wins; a lone surrogate escape, a control character in a string, a leading zero, invalid
/// UTF-8 or trailing text are errors. Nesting deeper than `maximumDepth` is an error, not a
/// stack overflow.
public struct JSONValueReader {
  /// `JSONDecoder`'s own limit.
  public static let maximumDepth = 512

  /// Why the text is not JSON, and the byte offset where reading stopped.
  public struct Failure: Error, CustomStringConvertible, Sendable {
    public var offset: Int
    public var reason: String
    public var description: String { "\(reason) at byte \(offset)" }
  }

  /// The value of `bytes`, which must hold exactly one JSON value (whitespace around it allowed).
  public static func read(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
    try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> JSONValue in
      var reader = JSONValueReader(buffer)
      reader.skipWhitespace()
      let value = try reader.value(depth: 0)
      reader.skipWhitespace()
      guard reader.index == buffer.count else { throw reader.failure("text after the value") }
      return value
    }
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private var index = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  private func failure(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  private mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private mutating func value(depth: Int) throws(Failure) -> JSONValue {
    guard let byte = current else { throw failure("the text ends where a value was expected") }
    switch byte {
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "{"): return try object(depth: depth + 1)
    case UInt8(ascii: "["): return try array(depth: depth + 1)
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw failure("unexpected character")
    }
  }

  private mutating func literal(_ word: StaticString) throws(Failure) {
    let count = word.utf8CodeUnitCount
    guard bytes.count - index >= count else { throw failure("unexpected end of text") }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
      throw failure("unexpected character")
    }
    index += count
  }

  private mutating func object(depth: Int) throws(Failure) -> JSONValue {
    guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth)") }
    index += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      guard current == UInt8(ascii: "\"") else { throw failure("expected a key in quotes") }
      let key = try string()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
      index += 1
      skipWhitespace()
      let member = try value(depth: depth)
      if members[key] == nil { members[key] = member }
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","):
        index += 1
        skipWhitespace()
      case UInt8(ascii: "}"):
        index += 1
        return .object(members)
      default: throw failure("expected ',' or '}' in an object")
      }
    }
  }

  private mutating func array(depth: Int) throws(Failure) -> JSONValue {
    guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth)") }
    index += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      return .array(elements)
    }
    while true {
      elements.append(try value(depth: depth))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","):
        index += 1
        skipWhitespace()
      case UInt8(ascii: "]"):
        index += 1
        return .array(elements)
      default: throw failure("expected ',' or ']' in an array")
      }
    }
  }

  /// A string from its opening quote; a string without escapes is validated in place.
  private mutating func string() throws(Failure) -> String {
    index += 1
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
        guard let string = String(validating: text, as: UTF8.self) else { throw failure("invalid UTF-8") }
        index += 1
        return string
      }
      if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
      if byte < 0x20 { throw failure("a control character in a string") }
      index += 1
    }
    throw failure("a string that never ends")
  }

  /// The rest of a string that has an escape: bytes are gathered, then validated once.
  private mutating func escapedString(from start: Int) throws(Failure) -> String {
    var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        guard let string = String(validating: out, as: UTF8.self) else { throw failure("invalid UTF-8") }
        return string
      case UInt8(ascii: "\\"):
        index += 1
        try escape(into: &out)
      case ..<0x20:
        throw failure("a control character in a string")
      default:
        out.append(byte)
        index += 1
      }
    }
    throw failure("a string that never ends")
  }

  private mutating func escape(into out: inout [UInt8]) throws(Failure) {
    guard let byte = current else { throw failure("a string that never ends") }
    index += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
    case UInt8(ascii: "b"): out.append(0x08)
    case UInt8(ascii: "f"): out.append(0x0C)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = UInt32(try hex4())
      if (0xD800...0xDBFF).contains(scalar) {
        guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw failure("a high surrogate escape without its low half") }
        index += 2
        let low = UInt32(try hex4())
        guard (0xDC00...0xDFFF).contains(low) else {
          throw failure("a high surrogate escape without its low half")
        }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00...0xDFFF).contains(scalar) {
        throw failure("a low surrogate escape without its high half")
      }
      guard let unicode = Unicode.Scalar(scalar) else { throw failure("an invalid escape") }
      out.append(contentsOf: UTF8.encode(unicode)!)
    default: throw failure("an invalid escape")
    }
  }

  private mutating func hex4() throws(Failure) -> UInt16 {
    guard bytes.count - index >= 4 else { throw failure("a \\u escape cut short") }
    var value: UInt16 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw failure("a \\u escape with a non-hex digit")
      }
      value = value << 4 | UInt16(digit)
      index += 1
    }
    return value
  }

  /// A number: the grammar is checked here; the value is `.integer` when it is whole and fits.
  private mutating func number() throws(Failure) -> JSONValue {
    let start = index
    var integral = true
    if current == UInt8(ascii: "-") { index += 1 }
    guard let first = current, Self.isDigit(first) else { throw failure("a number without digits") }
    index += 1
    if first == UInt8(ascii: "0"), let next = current, Self.isDigit(next) {
      throw failure("a number with a leading zero")
    }
    skipDigits()
    if current == UInt8(ascii: ".") {
      integral = false
      index += 1
      guard let digit = current, Self.isDigit(digit) else {
        throw failure("a number without digits after '.'")
      }
      skipDigits()
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      integral = false
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard let digit = current, Self.isDigit(digit) else {
        throw failure("a number without exponent digits")
      }
      skipDigits()
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    if integral, let whole = Int(text) { return .integer(whole) }
    guard let double = Double(text), double.isFinite else {
      index = start
      throw failure("a number out of range")
    }
    if let whole = Int(exactly: double) { return .integer(whole) }
    return .number(double)
  }

  private mutating func skipDigits() {
    while let byte = current, Self.isDigit(byte) { index += 1 }
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
