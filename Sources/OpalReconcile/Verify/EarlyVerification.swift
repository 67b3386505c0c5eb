import Synchronization

/// `apply --verify` while the aliases are still being written (SPEC §15: each change is smoked
/// "right after it changed"). Every alias change that lands (not a delete) is queued at once and
/// checked beside the changes still going out, in batches: whatever landed while the last batch
/// was smoked is the next one. The first failed check calls the stop hook, so the apply starts
/// no further change; `VerifiedApply` then takes these verdicts, checks only what is left, and
/// rolls back.
public final class EarlyVerification: Sendable {
  private struct State {
    var pending: [VerifyTarget] = []
    var verdicts: [VerifyVerdict] = []
    var finished = false
    var failed: VerifyVerdict?
    var stop: (@Sendable () -> Void)?
  }

  private let verifier: any ChangeVerifier
  private let state = Mutex(State())
  private let wake: AsyncStream<Void>.Continuation
  private let wakes: AsyncStream<Void>

  public init(verifier: any ChangeVerifier) {
    self.verifier = verifier
    (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
  }

  /// The applier's progress: a change that finished well (and is not a delete) is queued.
  public func changed(_ progress: ApplyProgress) {
    guard progress.event == .finished, progress.outcome?.isSuccess == true, progress.change.action != .delete
    else { return }
    state.withLock { $0.pending.append(VerifyTarget(.alias, progress.change.name)) }
    wake.yield()
  }

  /// What a failed check calls, once (the apply's cancel). Called at once when a check has
  /// already failed.
  public func onFailure(_ stop: @escaping @Sendable () -> Void) {
    let failedAlready = state.withLock { state -> Bool in
      state.stop = stop
      return state.failed != nil
    }
    if failedAlready { stop() }
  }

  /// No more changes will land: `run` returns once the queue is checked.
  public func finish() {
    state.withLock { $0.finished = true }
    wake.yield()
  }

  /// The first failed check, if any.
  public var firstFailure: VerifyVerdict? { state.withLock { $0.failed } }

  /// Every verdict so far.
  public var verdicts: [VerifyVerdict] { state.withLock { $0.verdicts } }

  /// Checks queued changes until `finish` and the queue is empty. After the first failure
  /// nothing more is checked: the rollback puts everything back anyway.
  public func run() async {
    for await _ in wakes {
      while true {
        let (batch, done) = state.withLock { state -> ([VerifyTarget], Bool) in
          let batch = state.failed == nil ? state.pending : []
          state.pending = []
          return (batch, state.finished)
        }
        if batch.isEmpty {
          if done { return }
          break
        }
        let found = await verifier.verify(batch)
        let stop = state.withLock { state -> (@Sendable () -> Void)? in
          state.verdicts += found
          guard state.failed == nil, let failure = found.first(where: { $0.outcome == .failed }) else {
            return nil
          }
          state.failed = failure
          return state.stop
        }
        stop?()
      }
    }
  }
}
