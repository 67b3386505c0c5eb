/// The one rule for text that came from a file or the API and is about to be shown on a
/// terminal, in a CI log or in a pull-request comment: characters that could move the cursor,
/// colour the screen, reorder what is read (bidi overrides) or hide in plain sight (zero-width
/// characters) are shown escaped, as `\u{202E}`, never raw.
public enum TerminalText {
  /// C0 controls, DEL and C1 controls (ESC, and so every ANSI escape sequence, among them).
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// Characters that change how the text around them reads without showing themselves: bidi
  /// marks, embeddings, overrides and isolates; zero-width spaces and joiners; the word joiner
  /// and invisible operators; line and paragraph separators; the byte-order mark; and every other
  /// Unicode format character (category Cf: soft hyphen, tag characters, …).
  public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    // Below U+00AD (the soft hyphen, the first format character) nothing is invisible: the
    // common case needs no Unicode property lookup.
    if scalar.value < 0xAD { return false }
    return switch scalar.value {
    case 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
    default: scalar.properties.generalCategory == .format
    }
  }

  /// True when `scalar` is never shown raw.
  public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    isControl(scalar) || isInvisible(scalar)
  }

  /// True when `text` holds any character that is never shown raw.
  public static func needsEscape(_ text: String) -> Bool {
    // Printable ASCII throughout (most names, paths and messages) is shown as it is; the
    // property lookups were ~5 % of an apply of 1,000 creates (its 1,219 warnings).
    if text.utf8.allSatisfy({ (0x20..<0x7F).contains($0) }) { return false }
    return text.unicodeScalars.contains { needsEscape($0) }
  }

  /// `text` with every such character written as `\u{XXXX}` (hex, upper case).
  public static func escaped(_ text: String) -> String {
    guard needsEscape(text) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      if needsEscape(scalar) {
        out += escape(scalar)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// One character as `\u{XXXX}` (at least four hex digits).
  public static func escape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "}"
  }
}
