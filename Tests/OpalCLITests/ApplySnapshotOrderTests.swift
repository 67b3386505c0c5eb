import Foundation
import OpalReconcile
import OpperAPI
import Testing

/// Apply's snapshot, written in the background while the plan is printed (SPEC §15), over real
/// sockets against the emulator: it is on disk before the first write, the output keeps its
/// order (plan, then the snapshot's path, then the report), and one that cannot be written stops
/// the apply before any write.
@Suite struct ApplySnapshotOrderTests {
  static let config = """
    version: 1
    aliases:
      one: {description: first, models: [openai/gpt-4o]}
      two: {models: [openai/gpt-4o-mini]}

    """

  @Test func theSnapshotIsWrittenWhileThePlanPrintsAndHoldsEveryChange() async throws {
    try await EmulatorFixture.with { f in
      let path = try f.write(Self.config)
      let snapshot = f.directory.appendingPathComponent("snap.json").path
      let apply = await f.run(["apply", "-f", path, "--auto-approve", "--snapshot", snapshot, "--no-color"])
      #expect(apply.exitCode == 0, "\(apply.all)")
      // The plan is printed before the report, and the snapshot's path is said once.
      let plan = try #require(apply.stdout.range(of: "+ one"))
      let report = try #require(apply.stdout.range(of: "Apply: 2 succeeded"))
      #expect(plan.lowerBound < report.lowerBound, "\(apply.stdout)")
      let note = "snapshot of what this apply changes: \(snapshot)"
      #expect(apply.stderr.components(separatedBy: note).count == 2, "\(apply.stderr)")
      let written = try SnapshotFile.read(from: snapshot)
      #expect(written.aliases.map(\.name) == ["one", "two"])
      #expect(written.aliases.allSatisfy { $0.before == nil && $0.after != nil })
      #expect(try await f.client.listAliases().map(\.name).sorted() == ["one", "two"])
    }
  }

  @Test func aSnapshotThatCannotBeWrittenStopsTheApplyBeforeAnyWrite() async throws {
    try await EmulatorFixture.with { f in
      let path = try f.write(Self.config)
      // `.opal` is a file, so the default snapshot folder cannot be made.
      try f.write("not a folder", to: ".opal")
      var harness = f.harness
      harness.currentDirectory = f.directory.path
      let apply = await harness.run(["apply", "-f", path, "--auto-approve", "--no-color"])
      #expect(apply.exitCode == 1, "\(apply.all)")
      #expect(apply.stdout.contains("+ one"), "the plan is still printed first: \(apply.stdout)")
      #expect(
        apply.stderr.contains("the snapshot could not be written, so nothing was applied"), "\(apply.stderr)")
      #expect(!apply.stderr.contains("snapshot of what this apply changes"))
      let writes = await f.server.requestLog().filter { !$0.hasPrefix("GET") }
      #expect(writes.isEmpty, "\(writes)")
      #expect(try await f.client.listAliases().isEmpty)
    }
  }

  @Test func onATerminalTheSnapshotWaitsForTheAnswerAndANoLeavesNone() async throws {
    try await EmulatorFixture.with { f in
      let path = try f.write(Self.config)
      var harness = f.harness
      harness.currentDirectory = f.directory.path
      let apply = await harness.run(["apply", "-f", path, "--no-color"], stdinIsTerminal: true, answer: "no")
      #expect(apply.exitCode != 0, "\(apply.all)")
      let folder = f.directory.appendingPathComponent(".opal/snapshots").path
      let left = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      #expect(left.isEmpty, "a refused apply left \(left)")
      #expect(try await f.client.listAliases().isEmpty)
    }
  }
}
