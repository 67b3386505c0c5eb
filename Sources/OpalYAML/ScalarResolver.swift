import OpalCore

/// YAML 1.2 core-schema resolution of scalars: `null`/`~`/empty, `true`/`false`, integers
/// (decimal, `0o`, `0x`), floats (`.inf`, `.nan`); everything else, and every quoted or block
/// scalar, is a string. An explicit `!!str`/`!!int`/... tag decides instead of the text's shape.
@usableFromInline enum ScalarResolver {
  static let strTag = "tag:yaml.org,2002:str"
  static let nullTag = "tag:yaml.org,2002:null"
  static let boolTag = "tag:yaml.org,2002:bool"
  static let intTag = "tag:yaml.org,2002:int"
  static let floatTag = "tag:yaml.org,2002:float"

  static func resolve(_ text: String, style: YAMLNode.ScalarStyle, tag: String?) -> JSONValue {
    var text = text
    return text.withUTF8 { resolve(bytes: $0, style: style, tag: tag) } ?? .string(text)
  }

  /// The non-string value a scalar's bytes stand for, or nil when it is a string (so that
  /// callers make a `String` only when they need one).
  @usableFromInline
  static func resolve(bytes b: UnsafeBufferPointer<UInt8>, style: YAMLNode.ScalarStyle, tag: String?)
    -> JSONValue?
  {
    if let tag {
      switch tag {
      case strTag, "!": return nil
      case nullTag, boolTag, intTag, floatTag: return resolve(bytes: b)
      default: break
      }
    }
    guard style == .plain else { return nil }
    return resolve(bytes: b)
  }

  /// The non-string value a plain scalar's text stands for, or nil when it is a string.
  static func resolvePlain(_ text: String) -> JSONValue? {
    var text = text
    return text.withUTF8 { resolve(bytes: $0) }
  }

  private static func resolve(bytes b: UnsafeBufferPointer<UInt8>) -> JSONValue? {
    guard let first = b.first else { return .null }
    // Fast exit: only these first bytes can start a non-string.
    switch first {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
      UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"),
      UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
      break
    default: return nil
    }
    if b.count <= 5 {
      switch String(decoding: b, as: UTF8.self) {
      case "~", "null", "Null", "NULL": return .null
      case "true", "True", "TRUE": return .bool(true)
      case "false", "False", "FALSE": return .bool(false)
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
      case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
      case ".nan", ".NaN", ".NAN": return .number(.nan)
      default: break
      }
    }
    return number(b)
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  /// Whether a number may hold this byte: digits, signs, point, exponent, `0o`/`0x` and hex.
  private static func mayBeInNumber(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
      UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "+"), UInt8(ascii: "-"),
      UInt8(ascii: "."), UInt8(ascii: "o"), UInt8(ascii: "x"):
      return true
    default: return false
    }
  }

  private static func number(_ b: UnsafeBufferPointer<UInt8>) -> JSONValue? {
    // Most plain scalars starting with a digit or sign are not numbers: look at bytes first.
    guard b.allSatisfy(mayBeInNumber) else { return nil }
    let text = String(decoding: b, as: UTF8.self)
    if b.count > 2, b[0] == UInt8(ascii: "0") {
      let body = text.dropFirst(2)
      if b[1] == UInt8(ascii: "o"), body.allSatisfy({ $0.isASCII && ("0"..."7").contains($0) }) {
        return Int(body, radix: 8).map(JSONValue.integer) ?? .string(text)
      }
      if b[1] == UInt8(ascii: "x"), body.allSatisfy(\.isHexDigit) {
        return Int(body, radix: 16).map(JSONValue.integer) ?? .string(text)
      }
    }
    // [-+]? ( \.[0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    var i = 0
    if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
    var intDigits = 0
    while i < b.count, isDigit(b[i]) {
      i += 1
      intDigits += 1
    }
    var isFloat = false
    var fracDigits = 0
    if i < b.count, b[i] == UInt8(ascii: ".") {
      isFloat = true
      i += 1
      while i < b.count, isDigit(b[i]) {
        i += 1
        fracDigits += 1
      }
    }
    guard intDigits > 0 || fracDigits > 0 else { return nil }
    if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
      isFloat = true
      i += 1
      if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
      var expDigits = 0
      while i < b.count, isDigit(b[i]) {
        i += 1
        expDigits += 1
      }
      guard expDigits > 0 else { return nil }
    }
    guard i == b.count else { return nil }
    if !isFloat, let value = Int(text) { return .integer(value) }
    return Double(text).map(JSONValue.number)
  }
}
