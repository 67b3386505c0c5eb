/// How names and descriptions from the config or the API are shown to people: characters that
/// could move the cursor, colour a terminal or hide (`TerminalText`'s rule) never reach the
/// output raw.
public enum DisplayText {
  /// A string in double quotes with JSON escapes (C0 controls as `\u001b`), and every other
  /// character `TerminalText` never shows raw as `\u{202E}`; for descriptions.
  public static func quoted(_ s: String?) -> String {
    guard let s else { return "(none)" }
    return TerminalText.escaped(CompactJSON.quoted(s))
  }

  /// A name as is, or quoted and escaped when it holds such characters or surrounding spaces.
  public static func name(_ s: String) -> String {
    if !TerminalText.needsEscape(s), s.first?.isWhitespace != true, s.last?.isWhitespace != true, !s.isEmpty {
      return s
    }
    return quoted(s)
  }
}
