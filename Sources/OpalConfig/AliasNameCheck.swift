import OpalCore

/// The offline rules for alias names (SPEC §2, opper-api.md): 1–255 characters, no control
/// characters, no leading or trailing whitespace. One pass over the scalars, no regex.
enum AliasNameCheck {
  static let maxLength = 255
  static let maxDescriptionLength = 1_000

  /// Why `name` is not a valid alias name, or nil when it is.
  static func problem(_ name: String) -> String? {
    // Fast path: printable ASCII, not too long, no space at either end (over the contiguous
    // bytes: a native string's UTF-8 view, walked index by index, costs ~40 instructions a byte).
    let isPlain = name.utf8.withContiguousStorageIfAvailable(isPlainASCII) ?? false
    if isPlain { return nil }
    var count = 0
    var first: Unicode.Scalar?
    var last: Unicode.Scalar?
    for scalar in name.unicodeScalars {
      count += 1
      if first == nil { first = scalar }
      last = scalar
      if isControl(scalar) {
        return "contains a control character (\(codePoint(scalar)))"
      }
      if isInvisible(scalar) {
        return "contains an invisible or direction-changing character (\(codePoint(scalar))): "
          + "it would make two different names look the same in a plan"
      }
    }
    guard let first, let last else { return "is empty" }
    if count > maxLength { return "is \(count) characters long; the limit is \(maxLength)" }
    if first.properties.isWhitespace || last.properties.isWhitespace {
      return "has leading or trailing whitespace"
    }
    return nil
  }

  /// 1–255 bytes of printable ASCII, the first and last not a space.
  private static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = bytes.first, let last = bytes.last, bytes.count <= maxLength,
      first != 0x20, last != 0x20
    else { return false }
    for byte in bytes where byte < 0x20 || byte >= 0x7F { return false }
    return true
  }

  static func isControl(_ s: Unicode.Scalar) -> Bool { TerminalText.isControl(s) }

  /// Invisible and direction-changing characters: the one rule of `TerminalText`, so a name the
  /// config refuses is exactly a name a plan would have to show escaped.
  static func isInvisible(_ s: Unicode.Scalar) -> Bool { TerminalText.isInvisible(s) }

  static func codePoint(_ s: Unicode.Scalar) -> String {
    let hex = String(s.value, radix: 16, uppercase: true)
    return "U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)"
  }
}
