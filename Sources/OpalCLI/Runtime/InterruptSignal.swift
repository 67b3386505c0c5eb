import Dispatch
import Foundation
import Synchronization

/// Ctrl-C and SIGTERM handling. The first signal asks the running work to stop starting new
/// requests (long commands watch `isInterrupted` / install a handler); a second one exits at once
/// with 130.
public final class InterruptSignal: Sendable {
  private struct State {
    var interrupted = false
    var handlers: [@Sendable () -> Void] = []
  }

  private let state = Mutex(State())
  /// The installed signal sources, kept alive for the process's lifetime; written only by
  /// `install()` before the watcher is shared.
  nonisolated(unsafe) private var sources: [DispatchSourceSignal] = []

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
    let (second, toRun) = state.withLock { state in
      let second = state.interrupted
      state.interrupted = true
      return (second, state.handlers)
    }
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

  public var isInterrupted: Bool { state.withLock { $0.interrupted } }

  /// Runs `handler` on the first signal (at once if one already came).
  public func onInterrupt(_ handler: @escaping @Sendable () -> Void) {
    let already = state.withLock { state in
      if !state.interrupted { state.handlers.append(handler) }
      return state.interrupted
    }
    if already { handler() }
  }
}
