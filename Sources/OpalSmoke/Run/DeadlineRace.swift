import Dispatch
import Foundation
import OpperAPI

/// Runs one API operation against a deadline: whichever finishes first wins, and the loser is
/// cancelled.
///
/// The operation runs in one task of its own and a `DeadlineAlarm` cancels it at the deadline:
/// one task and one timer per race (a task group of two children, one of them sleeping, took
/// two tasks, a sleep and the group). As before, the race returns once the cancelled operation
/// has returned.
enum DeadlineRace<Value: Sendable>: Sendable {
  case value(Value)
  case failed(OpperAPIError)
  case timedOut

  static func run(
    _ timeout: Duration, _ operation: @escaping @Sendable () async -> Result<Value, OpperAPIError>
  ) async -> DeadlineRace<Value> {
    // An unstructured task does not inherit cancellation: the handler passes it on.
    let work = Task { await operation() }
    let alarm = DeadlineAlarm(after: timeout) { work.cancel() }
    let result = await withTaskCancellationHandler {
      await work.value
    } onCancel: {
      work.cancel()
    }
    if alarm.disarm() { return .timedOut }
    switch result {
    case .success(let value): return .value(value)
    case .failure(let error): return .failed(error)
    }
  }
}

/// A one-shot timer: runs `action` once `delay` has passed unless disarmed first. Cheaper than a
/// sleeping task (no task, no continuation): one dispatch timer source, removed when disarmed.
final class DeadlineAlarm: @unchecked Sendable {
  private let lock = NSLock()
  private var fired = false
  private var disarmed = false
  private let timer = DispatchSource.makeTimerSource(queue: .global())

  init(after delay: Duration, action: @escaping @Sendable () -> Void) {
    // The handler holds the alarm until `disarm()` cancels the timer.
    timer.setEventHandler { [self] in
      lock.lock()
      let run = !disarmed
      if run { fired = true }
      lock.unlock()
      if run { action() }
    }
    let c = delay.components
    let whole = c.seconds.multipliedReportingOverflow(by: 1_000_000_000)
    let nanoseconds = whole.overflow ? Int64.max : whole.partialValue &+ c.attoseconds / 1_000_000_000
    timer.schedule(deadline: .now() + .nanoseconds(Int(clamping: max(0, nanoseconds))))
    timer.resume()
  }

  /// Stops the alarm; true when it had already gone off.
  func disarm() -> Bool {
    lock.lock()
    disarmed = true
    let wentOff = fired
    lock.unlock()
    timer.cancel()
    return wentOff
  }
}
