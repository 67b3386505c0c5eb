import OpalCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The checks made on raw bytes before libyaml sees them: size, a byte-order mark of another
/// encoding, NUL bytes, invalid UTF-8.
enum InputCheck {
  static func problem(in b: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits)
    -> Diagnostic?
  {
    if b.count > limits.maxFileBytes { return sizeProblem(b.count, file: file, limits: limits) }
    if let encoding = otherEncoding(b) {
      return .error(
        "file is \(encoding) text (it starts with that encoding's byte-order mark); opal reads UTF-8",
        at: SourceLocation(file: file, line: 1, column: 1),
        hint: "save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)")
    }
    if let nul = firstNUL(b) {
      let mark = position(of: nul, in: b)
      return .error(
        "file contains a NUL byte; it looks like a binary file, not YAML text",
        at: SourceLocation(file: file, line: mark.line, column: mark.column))
    }
    if let bad = firstInvalidUTF8(b) {
      let mark = position(of: bad, in: b)
      return .error(
        "invalid UTF-8 at byte \(bad) (0x\(String(b[bad], radix: 16, uppercase: true)))",
        at: SourceLocation(file: file, line: mark.line, column: mark.column),
        hint: "save the file as UTF-8")
    }
    return nil
  }

  /// A file of `count` bytes, over the limit.
  static func sizeProblem(_ count: Int, file: String, limits: YAMLLimits) -> Diagnostic {
    .error(
      "file is \(count) bytes, more than the limit of \(limits.maxFileBytes) bytes",
      at: SourceLocation(file: file, line: 1, column: 1),
      hint: "a config file is text of a few megabytes at most; is this the right file?")
  }

  /// The encoding named by a UTF-16 or UTF-32 byte-order mark at the start, or nil.
  static func otherEncoding(_ b: UnsafeBufferPointer<UInt8>) -> String? {
    func starts(_ prefix: [UInt8]) -> Bool {
      b.count >= prefix.count && zip(b, prefix).allSatisfy { $0 == $1 }
    }
    // UTF-32 LE starts with the UTF-16 LE mark, so it is asked first.
    if starts([0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32 (little-endian)" }
    if starts([0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32 (big-endian)" }
    if starts([0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
    if starts([0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
    return nil
  }

  /// `b` without a leading UTF-8 byte-order mark (EF BB BF).
  static func droppingUTF8ByteOrderMark(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    guard b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF, let base = b.baseAddress else { return b }
    return UnsafeBufferPointer(start: base + 3, count: b.count - 3)
  }

  /// Whether every byte is ASCII (eight at a time).
  static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = b.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= b.count {
      if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        return false
      }
      i += 8
    }
    while i < b.count {
      if b[i] >= 0x80 { return false }
      i += 1
    }
    return true
  }

  /// Offset of the first NUL byte (`memchr`), or nil.
  static func firstNUL(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = b.baseAddress, let hit = memchr(base, 0, b.count) else { return nil }
    return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
  }

  /// Offset of the first byte that starts an invalid UTF-8 sequence, or nil when all is valid.
  static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = b.baseAddress else { return nil }
    let raw = UnsafeRawPointer(base)
    var i = 0
    let n = b.count
    while i < n {
      // Fast path: eight ASCII bytes at a time.
      if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        i += 8
        continue
      }
      let c = b[i]
      if c < 0x80 {
        i += 1
        continue
      }
      let need: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch c {
      case 0xC2...0xDF: need = 1
      case 0xE0:
        need = 2
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED:
        need = 2
        upper = 0x9F
      case 0xF0:
        need = 3
        lower = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4:
        need = 3
        upper = 0x8F
      default: return i
      }
      guard i + need < n else { return i }
      let second = b[i + 1]
      guard second >= lower, second <= upper else { return i }
      for k in 2..<(need + 1) where b[i + k] & 0xC0 != 0x80 { return i }
      i += need + 1
    }
    return nil
  }

  /// 1-based line and column (in characters) of a byte offset.
  static func position(of offset: Int, in b: UnsafeBufferPointer<UInt8>) -> Mark {
    var line = 1
    var column = 1
    var i = 0
    let end = min(offset, b.count)
    while i < end {
      let c = b[i]
      if c == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if c & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return Mark(line: line, column: column)
  }
}
