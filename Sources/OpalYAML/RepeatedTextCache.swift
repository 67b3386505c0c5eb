#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where short scalar texts already sit in a document's text buffer, so that a repeat (the
/// same keys in every alias, model names, `contains: hello`) points at the earlier bytes
/// instead of adding its own: at 100,000 aliases that is ~12 MB of text not written.
///
/// A small direct-mapped table: a collision only loses a chance to share, and a hit is
/// confirmed byte for byte, so a text is never shared with different bytes.
struct RepeatedTextCache {
  /// Texts longer than this are not looked up (descriptions rarely repeat).
  static let maxLength = 32
  private static let slotBits = 10

  /// Offset in the text buffer shifted left by 8, or'ed with the length; 0 when empty
  /// (a length is never 0 here).
  private var slots = [UInt64](repeating: 0, count: 1 << slotBits)

  /// The offset of earlier text equal to `bytes` in `text`, if the table knows one.
  func offset(of bytes: UnsafeBufferPointer<UInt8>, in text: [UInt8]) -> Int? {
    let slot = slots[Self.slot(bytes)]
    guard slot & 0xFF == UInt64(bytes.count) else { return nil }
    let start = Int(slot >> 8)
    // The text may have been cut back since (an entry handed to a `YAMLEntryReader`).
    guard start + bytes.count <= text.count else { return nil }
    let same = text.withUnsafeBufferPointer { all in
      memcmp(all.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
    }
    return same ? start : nil
  }

  /// Records that `bytes` now sit at `start` in the text buffer.
  mutating func remember(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) {
    slots[Self.slot(bytes)] = UInt64(start) << 8 | UInt64(bytes.count)
  }

  /// The table slot of a text of 1 to `maxLength` bytes: its length and its first and last
  /// eight bytes (or every byte of a shorter one), mixed.
  private static func slot(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    let k: UInt64 = 0x9E37_79B9_7F4A_7C15
    var h = UInt64(b.count) &* k
    if b.count >= 8 {
      let raw = UnsafeRawPointer(b.baseAddress!)
      h = (h ^ raw.loadUnaligned(as: UInt64.self)) &* k
      h = (h ^ raw.loadUnaligned(fromByteOffset: b.count - 8, as: UInt64.self)) &* k
    } else {
      for byte in b { h = (h ^ UInt64(byte)) &* k }
    }
    return Int(truncatingIfNeeded: h >> UInt64(64 - slotBits))
  }
}
