import OpperAPI

/// Runs one API operation against a deadline: whichever finishes first wins, and the loser is
/// cancelled.
enum DeadlineRace<Value: Sendable>: Sendable {
  case value(Value)
  case failed(OpperAPIError)
  case timedOut

  static func run(
    _ timeout: Duration, _ operation: @escaping @Sendable () async -> Result<Value, OpperAPIError>
  ) async -> DeadlineRace<Value> {
    await withTaskGroup(of: DeadlineRace<Value>?.self) { group in
      group.addTask {
        switch await operation() {
        case .success(let v): return .value(v)
        case .failure(let e): return .failed(e)
        }
      }
      group.addTask {
        do {
          try await Task.sleep(for: timeout)
        } catch {
          return nil
        }
        return .timedOut
      }
      var outcome: DeadlineRace<Value> = .timedOut
      while let next = await group.next() {
        if let next {
          outcome = next
          break
        }
      }
      group.cancelAll()
      return outcome
    }
  }
}
