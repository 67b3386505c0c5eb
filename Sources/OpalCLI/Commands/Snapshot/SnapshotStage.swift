import Dispatch
import OpalCore
import OpalReconcile
import Synchronization

/// Apply's snapshot (SPEC §15): before the first write to the remote, what the plan is about to
/// change is written and fsynced to `--snapshot FILE` (checked before any work) or to a new file
/// under `.opal/snapshots/`, and its path is said on stderr. A snapshot that cannot be written
/// stops the apply before it changes anything.
///
/// The file can be written in the background (`start`) while the plan is printed: the apply
/// then `finish`es it, which waits until it is on disk (or throws why not) and says its path,
/// before the first write.
struct SnapshotStage {
  var io: CommandOutput

  /// A snapshot written, and where.
  struct Written: Sendable {
    var snapshot: Snapshot
    var path: String
  }

  /// A snapshot being written on a dispatch thread (its fsync blocks that thread, not one of
  /// the task pool's); `finish` waits for it, once.
  final class Pending: Sendable {
    private enum State {
      case running(waiter: CheckedContinuation<Result<Written, CLIError>, Never>?)
      case done(Result<Written, CLIError>)
    }
    private let state = Mutex(State.running(waiter: nil))

    fileprivate init(_ work: @escaping @Sendable () -> Result<Written, CLIError>) {
      DispatchQueue.global(qos: .userInitiated).async { [self] in
        let result = work()
        let waiter = state.withLock {
          state -> CheckedContinuation<Result<Written, CLIError>, Never>? in
          defer { state = .done(result) }
          guard case .running(let waiter) = state else { return nil }
          return waiter
        }
        waiter?.resume(returning: result)
      }
    }

    /// The written snapshot or why it could not be written, once the write has ended.
    fileprivate func wait() async -> Result<Written, CLIError> {
      await withCheckedContinuation { continuation in
        let ready = state.withLock { state -> Result<Written, CLIError>? in
          switch state {
          case .done(let result): return result
          case .running:
            state = .running(waiter: continuation)
            return nil
          }
        }
        if let ready { continuation.resume(returning: ready) }
      }
    }
  }

  /// `--snapshot FILE`, checked up front; nil means the default place.
  static func checked(_ path: String?) throws(CLIError) -> OutputFile? {
    guard let path else { return nil }
    return try OutputPath.checked(path, flag: "--snapshot", mixesWithStdout: true)
  }

  /// Starts writing the snapshot of what `plan` changes against `baseURL`'s host, in the
  /// background; nothing is said until `finish`.
  func start(_ plan: Plan, to destination: OutputFile?, baseURL: String) -> Pending {
    let directory = io.context.currentDirectory
    return Pending { Self.write(plan, to: destination, baseURL: baseURL, directory: directory) }
  }

  /// Waits until the snapshot `pending` is on disk and says where it is, or throws why it could
  /// not be written.
  func finish(_ pending: Pending) async throws(CLIError) -> Written {
    let written = try await pending.wait().get()
    io.note(
      "snapshot of what this apply changes: \(written.path) (undo with `opal rollback \(written.path)`)")
    return written
  }

  private static func write(
    _ plan: Plan, to destination: OutputFile?, baseURL: String, directory: String
  ) -> Result<Written, CLIError> {
    let snapshot = Snapshot(plan: plan, host: baseURL, opalVersion: OpalVersion.current)
    let output: OutputFile
    do throws(OutputFileError) {
      if let destination {
        output = destination
      } else {
        output = try OutputFile(SnapshotFile.defaultPath(in: directory))
      }
      try SnapshotFile.write(snapshot, to: output)
    } catch {
      return .failure(
        CLIError(
          "the snapshot could not be written, so nothing was applied: \(error.description)",
          hint: "give a writable file with --snapshot FILE"))
    }
    return .success(Written(snapshot: snapshot, path: output.path))
  }
}
