import Dispatch
import Foundation

/// Ctrl-C and SIGTERM handling. The first signal asks the running work to stop starting new
/// requests (long commands watch `isInterrupted` / install a handler); a second one exits at once
/// with 130.
public final class InterruptSignal: @unchecked Sendable {
  private let lock = NSLock()
  private var interrupted = false
  private var handlers: [@Sendable () -> Void] = []
  private var sources: [DispatchSourceSignal] = []

  /// The signal watcher of the running process, if installed.
  @TaskLocal public static var current: InterruptSignal?

  public init() {}

  /// Installs handlers for SIGINT and SIGTERM on the process.
  public static func install() -> InterruptSignal {
    let watcher = InterruptSignal()
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler { watcher.fire() }
      source.resume()
      watcher.sources.append(source)
    }
    return watcher
  }

  /// Simulates a signal (tests) or relays a real one.
  public func fire() {
    lock.lock()
    let second = interrupted
    interrupted = true
    let toRun = handlers
    lock.unlock()
    if second {
      FileHandle.standardError.write(Data("\ninterrupted again: exiting now\n".utf8))
      exit(130)
    }
    if toRun.isEmpty {
      // Nothing is listening: behave like the default handler, with our exit code.
      FileHandle.standardError.write(Data("\ninterrupted\n".utf8))
      exit(130)
    }
    for h in toRun { h() }
  }

  public var isInterrupted: Bool {
    lock.lock()
    defer { lock.unlock() }
    return interrupted
  }

  /// Runs `handler` on the first signal (at once if one already came).
  public func onInterrupt(_ handler: @escaping @Sendable () -> Void) {
    lock.lock()
    let already = interrupted
    if !already { handlers.append(handler) }
    lock.unlock()
    if already { handler() }
  }
}
