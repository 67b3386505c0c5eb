import OpalCore

/// How names and descriptions are shown to people: control characters (which could move the
/// cursor or colour a terminal) never reach the output raw.
enum DisplayText {
  /// A string in double quotes with JSON escapes, for descriptions.
  static func quoted(_ s: String?) -> String {
    guard let s else { return "(none)" }
    var out = ""
    JSONValue.writeEscaped(escapingC1(s), into: &out)
    return out
  }

  /// A name as is, or quoted and escaped when it holds control characters or surrounding spaces.
  static func name(_ s: String) -> String {
    let unsafe = s.unicodeScalars.contains { isControl($0) }
    if !unsafe, s.first?.isWhitespace != true, s.last?.isWhitespace != true, !s.isEmpty { return s }
    return quoted(s)
  }

  static func isControl(_ c: Unicode.Scalar) -> Bool {
    c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c.value == 0x2028 || c.value == 0x2029
  }

  /// JSON escaping covers C0 only; DEL, C1 and line separators get `\u` escapes here.
  private static func escapingC1(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0.value >= 0x7F && isControl($0) }) else { return s }
    var out = ""
    for c in s.unicodeScalars {
      if c.value >= 0x7F, isControl(c) {
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      } else {
        out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
