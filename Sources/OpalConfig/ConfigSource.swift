import Foundation
import OpalCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a config comes from: the `-f` paths expanded into files, and each file's bytes.
///
/// Only regular files are read. Anything else a path or a folder entry can be (a dangling
/// symlink, a symlink loop, an unreadable file, a FIFO, a device, a socket, a folder named
/// `*.yaml`) is an error that names it: skipping it would drop the aliases that file declares,
/// and with `prune: true` plan their deletion. A FIFO is never opened for reading (it would
/// block until a writer came), and a file is opened non-blocking and checked again after opening,
/// so one swapped in between the check and the read is refused too.
enum ConfigSource {
  /// Files to read: each file path as is, each folder's `*.yaml`/`*.yml` entries in name order.
  static func files(_ paths: [String], into diagnostics: some DiagnosticCollector) -> [String] {
    var files: [String] = []
    for path in paths {
      switch kind(of: path) {
      case .regular:
        files.append(path)
      case .folder:
        files += folderFiles(path, into: diagnostics)
      case .missing:
        diagnostics.emit(
          .error(
            "no such file or folder: \(path)",
            hint: "pass a config file or a folder of them with -f/--file"))
      case .unreadable(let why):
        diagnostics.emit(.error("cannot read \(path): \(why)", hint: hint))
      }
    }
    return files
  }

  /// The file opened to be read a chunk at a time (at most `limit` bytes: a larger file, or one
  /// that grows past it while read, is an error), or nil with a diagnostic.
  static func open(_ file: String, limit: Int, into diagnostics: some DiagnosticCollector)
    -> RegularFileHandle?
  {
    do {
      return try RegularFileHandle(path: file, limit: limit)
    } catch {
      diagnostics.emit(ReadProblem(error).diagnostic(file: file, limit: limit))
      return nil
    }
  }

  /// Why a file could not be read.
  enum ReadProblem: Error {
    /// The file holds more bytes than the limit (its size).
    case tooLarge(Int)
    /// Not there, not a regular file, or not readable: why, in words.
    case unreadable(String)

    init(_ error: RegularFile.ReadError) {
      switch error {
      case .missing: self = .unreadable(RegularFile.describe(ENOENT))
      case .notRegular(let what), .unreadable(let what): self = .unreadable(what)
      case .tooLarge(let size, _): self = .tooLarge(size)
      }
    }

    /// The one error a config file that cannot be read gets.
    func diagnostic(file: String, limit: Int) -> Diagnostic {
      let start = SourceLocation(file: file, line: 1, column: 1)
      switch self {
      case .tooLarge(let size):
        return .error(
          "file is \(size) bytes, more than the limit of \(limit) bytes", at: start,
          hint: "a config file is text of a few megabytes at most; is this the right file?")
      case .unreadable(let why):
        return .error("cannot read \(file): \(why)", at: start, hint: ConfigSource.hint)
      }
    }
  }

  /// The bytes of a regular file of at most `limit` bytes (`RegularFile`); anything else a path
  /// can be (a FIFO, a device, a folder) is refused without reading from it.
  static func readRegularFile(_ file: String, limit: Int) -> Result<Data, ReadProblem> {
    do {
      return .success(try RegularFile.read(file, limit: limit))
    } catch {
      return .failure(ReadProblem(error))
    }
  }

  fileprivate static let hint =
    "a config path must be a regular file (or a folder of them) that opal can read"

  private enum Kind {
    case regular, folder, missing
    case unreadable(String)
  }

  /// What `path` is, following symlinks, with the reason when it is not something to read.
  private static func kind(of path: String) -> Kind {
    var info = stat()
    if stat(path, &info) != 0 {
      let error = errno
      var link = stat()
      if error == ENOENT, lstat(path, &link) == 0 {
        return .unreadable("a symbolic link to something that does not exist")
      }
      return error == ENOENT ? .missing : .unreadable(RegularFile.describe(error))
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG:
      return access(path, R_OK) == 0 ? .regular : .unreadable(RegularFile.describe(EACCES))
    case S_IFDIR: return .folder
    default: return .unreadable(RegularFile.describe(mode: info.st_mode))
    }
  }

  private static func folderFiles(_ folder: String, into diagnostics: some DiagnosticCollector) -> [String] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      diagnostics.emit(.error("cannot list folder \(folder): \(error.localizedDescription)"))
      return []
    }
    let yaml = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    var files: [String] = []
    for name in yaml {
      let full = (folder as NSString).appendingPathComponent(name)
      switch kind(of: full) {
      case .regular:
        files.append(full)
      case .folder:
        diagnostics.emit(
          .error(
            "cannot read \(full): a folder, not a file",
            hint: "a config folder's files are read in name order, not recursively"))
      case .missing:
        diagnostics.emit(.error("cannot read \(full): it vanished while the folder was read", hint: hint))
      case .unreadable(let why):
        diagnostics.emit(.error("cannot read \(full): \(why)", hint: hint))
      }
    }
    if yaml.isEmpty {
      diagnostics.emit(
        .error(
          "folder \(folder) holds no *.yaml or *.yml files",
          hint: "a config folder's files are read in name order, not recursively"))
    }
    return files
  }
}
