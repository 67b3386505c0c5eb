import OpalCore

/// Writes a string as a YAML scalar that any YAML 1.1 or 1.2 reader reads back as the same
/// string: plain when that is unambiguous, else double-quoted with escapes.
///
/// Plain is used only for a conservative shape (ASCII letters, digits, `_ . / -`, and inside
/// block values single spaces, starting with a letter or `_`) that is not a YAML 1.1 or 1.2
/// boolean or null word. Everything else (`:` `#` `,` `[` quotes, a leading `-`, numbers,
/// `yes`/`no`/`null`/`true` lookalikes, unicode, newlines, surrounding spaces) is double-quoted.
public enum YAMLScalarQuoting {
  /// Where the scalar goes: flow context (`[a, b]`) forbids more than block context.
  public enum Context: Sendable {
    case key, blockValue, flowItem
  }

  /// Words a YAML 1.1 reader resolves to a boolean or null (any case).
  static let reservedWords: Set<String> = [
    "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
  ]

  public static func scalar(_ s: String, context: Context) -> String {
    isPlainSafe(s, context: context) ? s : doubleQuoted(s)
  }

  static func isPlainSafe(_ s: String, context: Context) -> Bool {
    guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
    guard isLetter(first) || first == "_" else { return false }
    guard last != " " else { return false }
    if reservedWords.contains(s.lowercased()) { return false }
    var previousSpace = false
    for c in s.unicodeScalars {
      if c == " " {
        // Spaces only in block values, never two in a row (kept simple and readable).
        guard context == .blockValue, !previousSpace else { return false }
        previousSpace = true
        continue
      }
      previousSpace = false
      guard isLetter(c) || ("0"..."9").contains(c) || c == "_" || c == "." || c == "/" || c == "-" else {
        return false
      }
    }
    return true
  }

  private static func isLetter(_ c: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(c) || ("A"..."Z").contains(c)
  }

  /// A double-quoted scalar: `\` and `"` escaped, control and invisible characters
  /// (`TerminalText.needsEscape`) as YAML `\uXXXX` escapes, everything else (unicode included) literal.
  public static func doubleQuoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "\u{0}": out += "\\0"
      default:
        if TerminalText.needsEscape(c) {
          let hex = String(c.value, radix: 16, uppercase: true)
          out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }
}
