import Foundation

/// Reading a file that came from outside (a saved plan, a snapshot, an emulator input) as
/// untrusted input: only a regular file, at most `limit` bytes, or one clear reason why not.
///
/// The file is opened without blocking and checked with `fstat` on the open descriptor, so a
/// FIFO is never read from (it would block), a device is never read (it may never end), and a
/// path swapped between the check and the read cannot slip through. One byte past the limit is
/// read, so a file that grew after the check is still refused.
public enum RegularFile {
  /// Why a file was not read.
  public enum ReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing is at the path.
    case missing
    /// Something is there but it is not a regular file (what it is, in words).
    case notRegular(String)
    /// A regular file with more bytes than the limit (its size, the limit).
    case tooLarge(size: Int, limit: Int)
    /// It could not be opened or read (why, in words).
    case unreadable(String)

    public var description: String {
      switch self {
      case .missing: "no such file"
      case .notRegular(let what): what
      case .tooLarge(let size, let limit): "\(size) bytes, more than the \(limit) opal reads"
      case .unreadable(let why): why
      }
    }
  }

  /// The bytes of the regular file at `path`, of at most `limit` bytes.
  public static func read(_ path: String, limit: Int) throws(ReadError) -> Data {
    Data(try RegularFileHandle(path: path, limit: limit).readAll(limit: limit))
  }

  /// What a non-regular file is, in words.
  public static func describe(mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: "a FIFO (named pipe), not a regular file"
    case S_IFCHR: "a character device, not a regular file"
    case S_IFBLK: "a block device, not a regular file"
    case S_IFSOCK: "a socket, not a regular file"
    case S_IFDIR: "a folder, not a regular file"
    default: "not a regular file"
    }
  }

  /// An `errno` from opening or reading, in words.
  public static func describe(_ error: Int32) -> String {
    switch error {
    case ELOOP: "a symbolic link loop"
    case EACCES: "permission denied"
    case ENOENT: "no such file"
    case ENOTDIR: "a part of the path is not a folder"
    default: String(cString: strerror(error))
    }
  }
}
