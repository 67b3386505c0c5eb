import Crypto

/// Feeds SHA-256 the bytes of a canonical JSON document (`JSONValue.canonicalJSON`: keys sorted,
/// no whitespace) written piece by piece into one reused buffer, so a fingerprint of 100,000
/// aliases builds no `JSONValue` tree and no text per alias. Each writer emits exactly the bytes
/// `canonicalJSON` would for the same value (FingerprintStreamTests compares them).
struct CanonicalHasher {
  private var hasher = SHA256()
  private var buffer: [UInt8] = []
  private static let flushSize = 1 << 16
  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  init() { buffer.reserveCapacity(Self.flushSize + 4096) }

  /// Appends bytes that need no escaping (punctuation, keys, `true`/`null`).
  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    flushIfFull()
  }

  /// Appends `s` quoted and escaped as `CompactJSON.writeString` does: `"`, `\`, `\n`, `\r`, `\t`
  /// by name, other bytes below 0x20 as `\u00xx` (lower-case hex), everything else as it is.
  /// Working on UTF-8 bytes is the same as working on scalars here: every escaped character
  /// is ASCII, and no byte of a multi-byte scalar is below 0x80.
  mutating func string(_ s: String) {
    buffer.append(0x22)
    var s = s
    s.withUTF8 { bytes in
      // Most names, ids and models need no escape: copied whole.
      if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
        buffer.append(contentsOf: bytes)
        return
      }
      for byte in bytes {
        switch byte {
        case 0x22: buffer.append(0x5C); buffer.append(0x22)
        case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
        case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
        case 0x0D: buffer.append(0x5C); buffer.append(0x72)
        case 0x09: buffer.append(0x5C); buffer.append(0x74)
        case 0..<0x20:
          let hex = Self.hexDigits
          buffer.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        default: buffer.append(byte)
        }
      }
    }
    buffer.append(0x22)
    flushIfFull()
  }

  /// Appends an array of strings.
  mutating func strings(_ strings: [String]) {
    buffer.append(0x5B)
    for (i, s) in strings.enumerated() {
      if i > 0 { buffer.append(0x2C) }
      string(s)
    }
    buffer.append(0x5D)
  }

  /// Appends a string, or `null` for nil.
  mutating func optionalString(_ s: String?) {
    if let s { string(s) } else { raw("null") }
  }

  /// The hex digest of everything written.
  mutating func finalize() -> String {
    flush()
    return Fingerprint.hex(hasher.finalize())
  }

  private mutating func flushIfFull() {
    if buffer.count >= Self.flushSize { flush() }
  }

  private mutating func flush() {
    let chunk = buffer
    chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    buffer.removeAll(keepingCapacity: true)
  }
}
