/// Text placed in a Markdown document (a pull-request comment) so that nothing from the config or
/// the API can format it: names as inline code that survives backticks, other text with Markdown's
/// and HTML's specials escaped. Both run `TerminalText`'s rule first, so invisible and control
/// characters never reach the comment raw.
public enum MarkdownText {
  /// Inline code that survives backticks in the text.
  public static func code(_ text: String) -> String {
    let safe = DisplayText.name(text)
    let fence = String(repeating: "`", count: longestBacktickRun(safe) + 1)
    let pad = safe.hasPrefix("`") || safe.hasSuffix("`") ? " " : ""
    return fence + pad + safe + pad + fence
  }

  /// Inline code inside a table cell: GitHub splits cells at every `|`, even in code, unless it is
  /// written `\|` (which shows as `|`).
  public static func tableCode(_ text: String) -> String {
    code(text).replacingOccurrences(of: "|", with: "\\|")
  }

  /// Text outside code: Markdown and HTML specials escaped, line breaks as spaces.
  public static func inline(_ text: String) -> String {
    var out = ""
    for c in TerminalText.escaped(text) {
      if "\\`*_[]<>|#!~".contains(c) { out.append("\\") }
      if c == "\n" || c == "\r\n" || c == "\r" { out += " " } else { out.append(c) }
    }
    return out
  }

  /// A fenced block (```` ```diff ````) whose fence is longer than any backtick run inside.
  public static func fence(for text: String) -> String {
    String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
  }

  /// The longest run of backticks in `text`.
  public static func longestBacktickRun(_ text: String) -> Int {
    var best = 0
    var run = 0
    for c in text {
      run = c == "`" ? run + 1 : 0
      best = max(best, run)
    }
    return best
  }
}
