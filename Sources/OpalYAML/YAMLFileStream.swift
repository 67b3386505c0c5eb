import CYAML
import OpalCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A regular file fed to libyaml a chunk at a time (`yaml_parser_set_input`), so that a large
/// config is never whole in memory while it is parsed and read: at 100,000 aliases the file's
/// 27 MB sat beside everything read from it.
///
/// Each chunk gets `InputCheck`'s checks before libyaml sees it (a byte-order mark of another
/// encoding in the first bytes, NUL bytes, invalid UTF-8, growing past the limit); a sequence
/// cut by the chunk's end waits for the next chunk. A problem stops the parse (libyaml then
/// reports a reader error) and is kept in `problem`; the loader reports it as the buffer path
/// does, from the whole text read again. A UTF-8 byte-order mark is skipped. The parser's error
/// messages that need the text around the error read it again too (`wholeText`).
final class YAMLFileStream {
  /// Why the stream stopped early.
  enum Problem: Equatable {
    /// A check of the bytes failed (its message is made from the whole text).
    case content
    /// More bytes than the limit were read (how many so far).
    case tooLarge(Int)
    /// Reading failed.
    case unreadable
  }

  static let defaultChunkSize = 1 << 20

  let handle: RegularFileHandle
  let limit: Int
  private(set) var problem: Problem?
  private let chunk: UnsafeMutableRawBufferPointer
  /// Checked bytes not yet given to libyaml are `start..<checked`; `checked..<filled` is the
  /// start of a UTF-8 sequence that the next read completes.
  private var start = 0
  private var checked = 0
  private var filled = 0
  private var total = 0
  private var atEnd = false
  private var isFirst = true
  /// `wholeText`, once read: its storage and length.
  private var text: (storage: UnsafeMutableBufferPointer<UInt8>, count: Int)?

  init(handle: RegularFileHandle, limit: Int, chunkSize: Int = defaultChunkSize) {
    self.handle = handle
    self.limit = limit
    // Room for the longest byte-order mark, and more than a cut sequence's 3 carried bytes.
    chunk = .allocate(byteCount: max(chunkSize, 8), alignment: 16)
  }

  deinit {
    chunk.deallocate()
    text?.storage.deallocate()
  }

  /// Hands the parser to this stream (on whichever thread then parses).
  func attach(to parser: UnsafeMutablePointer<yaml_parser_t>) {
    yaml_parser_set_input(parser, yamlFileStreamRead, Unmanaged.passUnretained(self).toOpaque())
  }

  /// Copies up to `count` checked bytes into `out`: how many (0 at the end), or nil when the
  /// stream stopped on a problem.
  func read(into out: UnsafeMutablePointer<UInt8>, count: Int) -> Int? {
    if problem != nil { return nil }
    if start == checked {
      guard refill() else { return nil }
      if start == checked { return 0 }
    }
    let n = min(count, checked - start)
    out.update(from: chunk.baseAddress!.assumingMemoryBound(to: UInt8.self) + start, count: n)
    start += n
    return n
  }

  /// The whole file as libyaml read it (without a UTF-8 byte-order mark), read again; empty
  /// when it cannot be. For the positions and hints of the parser's errors, a rare path.
  func wholeText() -> UnsafeBufferPointer<UInt8> {
    if text == nil {
      let all = (try? handle.readAll(limit: limit)) ?? []
      let body = all.starts(with: [0xEF, 0xBB, 0xBF]) ? all.dropFirst(3) : all[...]
      let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(body.count, 1))
      _ = storage.initialize(from: body)
      text = (storage, body.count)
    }
    return UnsafeBufferPointer(start: text!.storage.baseAddress, count: text!.count)
  }

  /// The diagnostic for `problem`, said as the buffer path says it.
  func problemDiagnostic(file: String, limits: YAMLLimits) -> Diagnostic {
    let start = SourceLocation(file: file, line: 1, column: 1)
    switch problem {
    case .tooLarge(let count):
      return .error(
        "file is more than \(limits.maxFileBytes) bytes (\(count) read so far), over the limit",
        at: start, hint: "a config file is text of a few megabytes at most; is this the right file?")
    case .unreadable:
      return .error("cannot read \(file): reading it failed", at: start)
    case .content, nil:
      if let all = try? handle.readAll(limit: limit),
        let found = all.withUnsafeBufferPointer({
          InputCheck.problem(in: $0, file: file, limits: limits)
        })
      {
        return found
      }
      return .error(
        "the file changed while it was read", at: start, hint: "run opal again once it is written")
    }
  }

  /// Reads the next chunk and checks it; false (with `problem` set) when it fails.
  private func refill() -> Bool {
    let base = chunk.baseAddress!
    let carried = filled - checked
    if carried > 0 { memmove(base, base + checked, carried) }
    start = 0
    checked = 0
    filled = carried
    // Bounded: each pass reads at least a byte, ends the file or fails.
    while !atEnd && filled < chunk.count {
      guard let n = handle.read(into: base + filled, count: chunk.count - filled) else {
        problem = .unreadable
        return false
      }
      if n == 0 { atEnd = true }
      filled += n
      total += n
    }
    if total > limit {
      problem = .tooLarge(total)
      return false
    }
    let bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: filled)
    if isFirst {
      isFirst = false
      if InputCheck.otherEncoding(bytes) != nil {
        problem = .content
        return false
      }
      if InputCheck.droppingUTF8ByteOrderMark(bytes).count != bytes.count { start = 3 }
    }
    let end = atEnd ? filled : Self.completeEnd(bytes)
    let region = UnsafeBufferPointer(rebasing: bytes[start..<max(start, end)])
    if InputCheck.firstNUL(region) != nil || InputCheck.firstInvalidUTF8(region) != nil {
      problem = .content
      return false
    }
    checked = max(start, end)
    return true
  }

  /// Where the last complete UTF-8 sequence of `b` ends: before a lead byte whose sequence runs
  /// past the end (the invalid cases are left to the check).
  private static func completeEnd(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    var k = 1
    while k <= 3 && k <= b.count {
      let byte = b[b.count - k]
      if byte < 0x80 { return b.count }
      if byte >= 0xC0 {
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        return k < length ? b.count - k : b.count
      }
      k += 1
    }
    return b.count
  }
}

/// libyaml's read handler: fills its buffer from the `YAMLFileStream` passed as `data`.
private func yamlFileStreamRead(
  _ data: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?, _ size: Int,
  _ sizeRead: UnsafeMutablePointer<Int>?
) -> Int32 {
  guard let data, let buffer, let sizeRead else { return 0 }
  let stream = Unmanaged<YAMLFileStream>.fromOpaque(data).takeUnretainedValue()
  guard let n = stream.read(into: buffer, count: size) else { return 0 }
  sizeRead.pointee = n
  return 1
}
