import OpalCore
import OpalReconcile

/// Apply's snapshot (SPEC §15): before the first write to the remote, what the plan is about to
/// change is written and fsynced to `--snapshot FILE` (checked before any work) or to a new file
/// under `.opal/snapshots/`, and its path is said on stderr. A snapshot that cannot be written
/// stops the apply before it changes anything.
struct SnapshotStage {
  var io: CommandOutput

  /// A snapshot written, and where.
  struct Written {
    var snapshot: Snapshot
    var path: String
  }

  /// `--snapshot FILE`, checked up front; nil means the default place.
  static func checked(_ path: String?) throws(CLIError) -> OutputFile? {
    guard let path else { return nil }
    return try OutputPath.checked(path, flag: "--snapshot", mixesWithStdout: true)
  }

  /// Writes the snapshot of what `plan` changes against `baseURL`'s host.
  func write(_ plan: Plan, to destination: OutputFile?, baseURL: String) throws(CLIError) -> Written {
    let snapshot = Snapshot(plan: plan, host: baseURL, opalVersion: OpalVersion.current)
    let output: OutputFile
    do throws(OutputFileError) {
      if let destination {
        output = destination
      } else {
        output = try OutputFile(SnapshotFile.defaultPath(in: io.context.currentDirectory))
      }
      try SnapshotFile.write(snapshot, to: output)
    } catch {
      throw CLIError(
        "the snapshot could not be written, so nothing was applied: \(error.description)",
        hint: "give a writable file with --snapshot FILE")
    }
    io.note(
      "snapshot of what this apply changes: \(output.path) (undo with `opal rollback \(output.path)`)")
    return Written(snapshot: snapshot, path: output.path)
  }
}
