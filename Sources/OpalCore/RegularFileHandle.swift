#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A regular file opened for reading a piece at a time, with `RegularFile`'s checks made on the
/// open descriptor: a large input is then never whole in memory (the YAML loader feeds libyaml
/// from it chunk by chunk). The descriptor is closed when the handle goes.
public final class RegularFileHandle: @unchecked Sendable {
  /// The size `fstat` gave when the file was opened. Only a hint: a file may change while it is
  /// read, and some regular files (under `/proc`) report 0.
  public let sizeHint: Int
  private let descriptor: Int32

  /// Opens the regular file at `path` when it holds at most `limit` bytes; anything else a path
  /// can be (a FIFO, a device, a folder) is refused without reading from it.
  public init(path: String, limit: Int) throws(RegularFile.ReadError) {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      let error = errno
      throw error == ENOENT ? .missing : .unreadable(RegularFile.describe(error))
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let error = errno
      close(fd)
      throw .unreadable(RegularFile.describe(error))
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      close(fd)
      throw .notRegular(RegularFile.describe(mode: info.st_mode))
    }
    guard Int(info.st_size) <= limit else {
      close(fd)
      throw .tooLarge(size: Int(info.st_size), limit: limit)
    }
    descriptor = fd
    sizeHint = Int(info.st_size)
  }

  deinit { close(descriptor) }

  /// Reads up to `count` bytes from the current position: how many were read (0 at the end of
  /// the file), or nil when reading failed.
  public func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int? {
    // A regular file does not block; a signal may still interrupt the call.
    for _ in 0..<1000 {
      let n = readBytes(descriptor, buffer, count)
      if n >= 0 { return n }
      if errno != EINTR { return nil }
    }
    return nil
  }

  /// The whole file, read from its start whatever was read before, of at most `limit` bytes (a
  /// file that grew past it is refused).
  public func readAll(limit: Int) throws(RegularFile.ReadError) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(sizeHint, limit) + 1)
    var piece = [UInt8](repeating: 0, count: 1 << 16)
    // Each pass reads a piece or is interrupted; the file ends within the limit or is refused.
    for _ in 0..<((limit >> 16) + 1000) {
      let n = piece.withUnsafeMutableBytes { raw in
        pread(descriptor, raw.baseAddress!, raw.count, off_t(bytes.count))
      }
      if n == 0 { return bytes }
      if n < 0 {
        let error = errno
        if error == EINTR { continue }
        throw .unreadable("reading it failed (\(RegularFile.describe(error)))")
      }
      bytes.append(contentsOf: piece[0..<n])
      if bytes.count > limit { throw .tooLarge(size: bytes.count, limit: limit) }
    }
    throw .unreadable("reading it did not come to an end")
  }
}

/// `read(2)`, named apart from the handle's own `read`.
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}
