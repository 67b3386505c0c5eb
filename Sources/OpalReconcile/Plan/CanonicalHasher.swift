import Crypto
import OpalCore

/// Feeds SHA-256 the bytes of a canonical JSON document (`JSONValue.canonicalJSON`: keys sorted,
/// no whitespace) written piece by piece into one reused buffer, so a fingerprint of 100,000
/// aliases builds no `JSONValue` tree and no text per alias. Each writer emits exactly the bytes
/// `canonicalJSON` would for the same value (FingerprintStreamTests compares them).
struct CanonicalHasher {
  private var hasher = SHA256()
  private var buffer: [UInt8] = []
  private static let flushSize = 1 << 16

  init() { buffer.reserveCapacity(Self.flushSize + 4096) }

  /// Appends bytes that need no escaping (punctuation, keys, `true`/`null`).
  mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { buffer.append(contentsOf: $0) }
    flushIfFull()
  }

  /// Appends `s` quoted and escaped, as `canonicalJSON` writes it (`CompactJSON.writeString`).
  mutating func string(_ s: String) {
    CompactJSON.writeString(s, into: &buffer)
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
