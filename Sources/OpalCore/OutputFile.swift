#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a command's file output goes (`-o`, `--junit`), checked before any work and written
/// so that a failure is never silent.
///
/// - `-` is standard output.
/// - A path that does not exist yet, or names a regular file, is written through a temporary
///   file in the same folder, flushed to disk and renamed into place: a reader never sees half a
///   file, and a failed write (a full disk) leaves the old file as it was.
/// - A path that names something else that can be written (a device such as `/dev/stdout`, a
///   FIFO) is written in place, never replaced by a regular file. A symbolic link is followed:
///   the file it points at is replaced, the link stays a link.
/// - Every `write`, `fsync` and `close` is checked; a short or failed write is an error that
///   says what happened (`/dev/full`: "no space left on device").
public struct OutputFile: Sendable, Hashable {
  /// What the path names.
  public enum Target: Sendable, Hashable {
    case standardOutput
    /// A regular file (or a new path), replaced atomically; `path` is the symlink-resolved path.
    case file(path: String)
    /// A device or FIFO, written in place.
    case special(path: String)
  }

  /// The path as given, for messages.
  public let path: String
  public let target: Target

  /// Checks `path` before any work: its folder exists and is writable, and it is not a folder.
  public init(_ path: String) throws(OutputFileError) {
    self.path = path
    if path == "-" {
      target = .standardOutput
      return
    }
    guard !path.isEmpty else { throw OutputFileError(path: path, reason: "the path is empty") }
    var info = stat()
    if stat(path, &info) == 0 {
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        throw OutputFileError(path: path, reason: "it is a folder; give a file name")
      case S_IFREG:
        let resolved = Self.resolved(path)
        guard access(Self.folder(of: resolved), W_OK) == 0 else {
          throw OutputFileError(path: path, reason: "its folder is not writable")
        }
        target = .file(path: resolved)
      default:
        guard access(path, W_OK) == 0 else { throw OutputFileError(path: path, reason: "it is not writable") }
        target = .special(path: path)
      }
      return
    }
    let error = errno
    var link = stat()
    if lstat(path, &link) == 0 {
      throw OutputFileError(path: path, reason: "it is a symbolic link to something that does not exist")
    }
    guard error == ENOENT else { throw OutputFileError(path: path, reason: Self.describe(error)) }
    let folder = Self.folder(of: path)
    var folderInfo = stat()
    guard stat(folder, &folderInfo) == 0, folderInfo.st_mode & S_IFMT == S_IFDIR else {
      throw OutputFileError(path: path, reason: "the folder \(folder) does not exist")
    }
    guard access(folder, W_OK) == 0 else {
      throw OutputFileError(path: path, reason: "the folder \(folder) is not writable")
    }
    target = .file(path: path)
  }

  /// Writes `bytes` to the target; `standardOutput` hands the text to `stdout` instead.
  public func write(_ bytes: [UInt8], standardOutput stdout: (String) -> Void) throws(OutputFileError) {
    switch target {
    case .standardOutput:
      stdout(String(decoding: bytes, as: UTF8.self))
    case .special(let path):
      let fd = open(path, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw OutputFileError(path: self.path, reason: Self.describe(errno)) }
      try Self.writeAll(bytes, to: fd, path: self.path, closing: true)
    case .file(let path):
      try replace(path, with: bytes)
    }
  }

  private func replace(_ destination: String, with bytes: [UInt8]) throws(OutputFileError) {
    let folder = Self.folder(of: destination)
    let name = destination.split(separator: "/").last.map(String.init) ?? "out"
    var template = Array("\(folder)/.\(name).opal-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else {
      throw OutputFileError(path: path, reason: "cannot create a file in \(folder): \(Self.describe(errno))")
    }
    let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var open = true
    do throws(OutputFileError) {
      var existing = stat()
      let mode: mode_t = stat(destination, &existing) == 0 ? existing.st_mode & 0o777 : 0o644
      _ = fchmod(fd, mode)
      try Self.writeAll(bytes, to: fd, path: path, closing: false)
      guard fsync(fd) == 0 else { throw OutputFileError(path: path, reason: Self.describe(errno)) }
      open = false
      guard close(fd) == 0 else { throw OutputFileError(path: path, reason: Self.describe(errno)) }
      guard rename(temporary, destination) == 0 else {
        throw OutputFileError(path: path, reason: Self.describe(errno))
      }
    } catch {
      if open { _ = close(fd) }
      _ = unlink(temporary)
      throw error
    }
  }

  private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String, closing: Bool)
    throws(OutputFileError)
  {
    var offset = 0
    var failure: Int32 = 0
    bytes.withUnsafeBytes { raw in
      while offset < raw.count {
        let n = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if n == 0 {
          failure = EIO
          return
        }
        offset += n
      }
    }
    if failure != 0 {
      if closing { _ = close(fd) }
      throw OutputFileError(
        path: path, reason: "writing failed after \(offset) of \(bytes.count) bytes: \(describe(failure))")
    }
    if closing, close(fd) != 0 {
      throw OutputFileError(path: path, reason: describe(errno))
    }
  }

  /// The path with symbolic links resolved (so the link stays and its target is replaced).
  private static func resolved(_ path: String) -> String {
    guard let real = realpath(path, nil) else { return path }
    defer { free(real) }
    return String(cString: real)
  }

  private static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  static func describe(_ error: Int32) -> String {
    switch error {
    case ENOSPC: "no space left on device"
    case EACCES: "permission denied"
    case EROFS: "read-only file system"
    case ENOTDIR: "a part of the path is not a folder"
    case ELOOP: "a symbolic link loop"
    default: String(cString: strerror(error))
    }
  }
}

/// Why an output path cannot be written, in words (`cannot write plan.json: no space left on device`).
public struct OutputFileError: Error, Hashable, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  public var description: String { "cannot write \(path): \(reason)" }
}

/// `write(2)`, named apart from `OutputFile.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
  #else
    Darwin.write(fd, buffer, count)
  #endif
}
