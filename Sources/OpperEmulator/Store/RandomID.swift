/// The ids the emulator hands out (aliases, custom models, routes, versions, traces, spans):
/// random version-4 UUIDs in lower-case text, `8-4-4-4-12` hex digits, the shape
/// `UUID().uuidString.lowercased()` gives. The 128 bits come from the standard library's system
/// generator (`getrandom`); Foundation's `UUID()` opened and read `/dev/urandom` for every id,
/// ~4 % of the emulator's CPU in an apply of 1,000 creates.
enum RandomID {
  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// A new id.
  static func make() -> String {
    var generator = SystemRandomNumberGenerator()
    var bytes = [UInt8](repeating: 0, count: 16)
    for half in 0..<2 {
      var word: UInt64 = generator.next()
      for i in 0..<8 {
        bytes[half * 8 + i] = UInt8(truncatingIfNeeded: word)
        word >>= 8
      }
    }
    bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
    bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
    var text = [UInt8]()
    text.reserveCapacity(36)
    for (i, byte) in bytes.enumerated() {
      if i == 4 || i == 6 || i == 8 || i == 10 { text.append(UInt8(ascii: "-")) }
      text.append(hexDigits[Int(byte >> 4)])
      text.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
