import Foundation

/// The one JSON encoder for documents opal prints or saves: pretty, keys sorted (so output is
/// stable and diffs are small), slashes not escaped, and every character `TerminalText` never
/// shows raw (bidi overrides, zero-width characters, DEL and C1 controls) written as a `\uXXXX`
/// escape: the same string to a JSON reader, but two names that differ only by an invisible
/// character look different to a reviewer reading the document.
public enum PrettyJSON {
  /// `value` as JSON bytes, without a trailing newline. Encoding opal's value types cannot fail
  /// (string keys, no non-finite numbers); should it, the result is `{}`.
  public static func data(_ value: some Encodable) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return escapingInvisibles(data)
  }

  /// JSON bytes with invisible and control characters (which can only be inside strings) as
  /// `\uXXXX` escapes, surrogate pairs above U+FFFF. ASCII-only documents are returned as they are.
  static func escapingInvisibles(_ data: Data) -> Data {
    guard data.contains(where: { $0 >= 0x7F }) else { return data }
    let text = String(decoding: data, as: UTF8.self)
    guard TerminalText.needsEscape(text) else { return data }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      guard scalar.value >= 0x7F, TerminalText.needsEscape(scalar) else {
        out.unicodeScalars.append(scalar)
        continue
      }
      for unit in String(scalar).utf16 {
        let hex = String(unit, radix: 16, uppercase: true)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
    return Data(out.utf8)
  }

  /// `value` as JSON text, without a trailing newline.
  public static func string(_ value: some Encodable) -> String {
    String(decoding: data(value), as: UTF8.self)
  }
}
