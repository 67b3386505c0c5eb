import Dispatch
import Foundation
import Synchronization

/// The open end of the `--state` journal: each change is one `write` of one line, done before
/// the change is answered, so a killed emulator (`kill -9`) loses nothing it acknowledged (the
/// kernel keeps what was written). `fsync` is batched: at most `flushDelay` after a write, on
/// a queue of its own, so a create does not wait for the disk; a machine crash can lose the
/// changes of that last moment, and the loader drops a torn last line. A write that fails part
/// way is cut back off the file, so the journal never holds half a line before a whole one.
final class JournalAppender: Sendable {
  let path: String
  private let descriptor: Descriptor
  private let flushDelay: Duration
  private let flushScheduled = Mutex(false)
  private let length: Mutex<Int>
  private static let flushQueue = DispatchQueue(label: "opper-emulator.state-flush")

  /// Opens `path` for appending; `length` is its current size.
  init(path: String, flushDelay: Duration) throws {
    let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard fd >= 0 else { throw StateFile.failure(path, "cannot open the state file to append") }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      close(fd)
      throw StateFile.failure(path, "cannot stat the state file")
    }
    self.path = path
    descriptor = Descriptor(fd: fd)
    self.flushDelay = flushDelay
    length = Mutex(Int(info.st_size))
  }

  /// Bytes in the file.
  var bytes: Int { length.withLock { $0 } }

  /// Writes `line` whole (or cuts a partial write back off and throws), then schedules a flush.
  func append(_ line: Data) throws {
    let before = bytes
    do {
      try StateFile.writeAll(descriptor.fd, line, path: path)
    } catch {
      _ = ftruncate(descriptor.fd, off_t(before))
      throw error
    }
    length.withLock { $0 = before + line.count }
    scheduleFlush()
  }

  /// `fsync` now (a clean stop).
  func flush() { _ = fsync(descriptor.fd) }

  private func scheduleFlush() {
    let already = flushScheduled.withLock { scheduled in
      defer { scheduled = true }
      return scheduled
    }
    guard !already else { return }
    let descriptor = descriptor  // kept open until this flush ran, even after a compaction
    let delay = flushDelay.components
    let nanoseconds = Int(delay.seconds) * 1_000_000_000 + Int(delay.attoseconds / 1_000_000_000)
    Self.flushQueue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { [self] in
      // Cleared first: a write after this point schedules the next flush.
      flushScheduled.withLock { $0 = false }
      _ = fsync(descriptor.fd)
    }
  }

  /// A file descriptor closed when the last user lets go of it.
  private final class Descriptor: Sendable {
    let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }
  }
}
