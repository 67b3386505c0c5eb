import Foundation
import OpperAPI
import Testing

/// SPEC §12 items 20 and 21: --target, `opal show`, OPAL_FILES, an empty saved plan, --version.
@Suite struct IncidentAndShowTests {
  static let config = """
    version: 1
    aliases:
      team-a/one:
        models: [openai/gpt-4o]
      team-a/two:
        models: [openai/gpt-4o]
      team-b/three:
        models: [openai/gpt-4o]
    """

  @Test func targetLimitsPlanAndApplyToMatchingAliases() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      let plan = await emu.run(["plan", "-f", path, "--target", "team-a/*", "--no-color"])
      #expect(plan.exitCode == 0, "\(plan.all)")
      #expect(plan.stdout.contains("+ team-a/one") && plan.stdout.contains("+ team-a/two"))
      #expect(!plan.stdout.contains("team-b/three"), "\(plan.stdout)")
      let apply = await emu.run(["apply", "-f", path, "--target", "team-b/three", "--auto-approve"])
      #expect(apply.exitCode == 0, "\(apply.all)")
      #expect(try await emu.withClient { try await $0.listAliases() }.map(\.name) == ["team-b/three"])
      let bad = await emu.run(["plan", "-f", path, "--target", "[oops"])
      #expect(bad.exitCode == 1 && bad.stderr.contains("--target"), "\(bad.all)")
    }
  }

  @Test func showRendersASavedPlanInEveryFormat() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      let planFile = emu.directory.appendingPathComponent("plan.json").path
      let plan = await emu.run(["plan", "-f", path, "-o", planFile, "--no-color"])
      #expect(plan.exitCode == 0)
      let text = await emu.run(["show", planFile, "--no-color"])
      #expect(text.exitCode == 0, "\(text.all)")
      #expect(text.stdout == plan.stdout)
      let md = await emu.run(["show", planFile, "--format", "markdown"])
      #expect(md.stdout.hasPrefix("### opal plan: 3 to create"), "\(md.stdout)")
      let json = await emu.run(["show", planFile, "--format", "json"])
      #expect(json.stdout == (try String(contentsOfFile: planFile, encoding: .utf8)))
      let missing = await emu.run(["show", emu.directory.appendingPathComponent("nope.json").path])
      #expect(missing.exitCode == 1 && missing.stderr.contains("cannot read"))
    }
  }

  @Test func opalFilesIsTheDefaultForDashF() async throws {
    try await EmulatorFixture.with { emu in
      let a = try emu.write("version: 1\naliases:\n  a:\n    models: [openai/gpt-4o]\n", to: "a.yaml")
      let b = try emu.write("version: 1\naliases:\n  b:\n    models: [openai/gpt-4o]\n", to: "b.yaml")
      var harness = emu.harness
      harness.environment["OPAL_FILES"] = "\(a):\(b)"
      let r = await harness.run(["plan", "--no-color"])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(r.stdout.contains("+ a  (create)") && r.stdout.contains("+ b  (create)"), "\(r.stdout)")
      let validate = await harness.run(["validate"])
      #expect(validate.stdout.hasPrefix("ok: 2 aliases in 2 files"), "\(validate.all)")
    }
  }

  @Test func applyingAnEmptySavedPlanSaysSo() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      #expect(await emu.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      let planFile = emu.directory.appendingPathComponent("plan.json").path
      #expect(await emu.run(["plan", "-f", path, "-o", planFile]).exitCode == 0)
      let r = await emu.run(["apply", planFile])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(r.stdout.contains("Nothing to apply: \(planFile) holds no changes"), "\(r.stdout)")
    }
  }

  @Test func confirmationIsPluralisedRight() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write("version: 1\naliases:\n  a:\n    models: [openai/gpt-4o]\n")
      let r = await emu.harness.run(["apply", "-f", path], stdinIsTerminal: true, answer: "no")
      #expect(r.stderr.contains("Apply this 1 change?"), "\(r.stderr)")
      #expect(!r.stderr.contains("these 1 changes"))
    }
  }

  @Test func versionNamesTheCommit() async {
    let r = await CLIHarness().run(["--version"])
    #expect(r.exitCode == 0)
    #expect(r.stdout.hasPrefix("opal 0.1.0 (commit "), "\(r.stdout)")
    #expect(!r.stdout.contains("commit unknown"), "built inside the checkout: \(r.stdout)")
  }

  /// The commit is recorded at build time: a copy of the binary far from any checkout (as
  /// installed) still names the commit it was built from, the checkout's HEAD.
  @Test func anInstalledCopyStillNamesItsCommit() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opal-installed-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let copy = folder.appendingPathComponent("opal")
    try FileManager.default.copyItem(at: try OpalProcess.locate(), to: copy)
    func run(_ executable: URL, _ arguments: [String], in directory: URL) throws -> String {
      let process = Process()
      process.executableURL = executable
      process.arguments = arguments
      process.currentDirectoryURL = directory
      let out = Pipe()
      process.standardOutput = out
      process.standardError = FileHandle.nullDevice
      try process.run()
      let data = out.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    let printed = try run(copy, ["--version"], in: folder)
    let head = try run(
      URL(fileURLWithPath: "/usr/bin/env"), ["git", "rev-parse", "--short=12", "HEAD"],
      in: CLIHarness.repositoryRoot
    ).trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(head.count == 12)
    #expect(printed.hasPrefix("opal 0.1.0 (commit ") && printed.contains(head), "\(printed)")
  }

  @Test func shellCompletionsAreGenerated() async {
    let r = await CLIHarness().run(["--generate-completion-script", "bash"])
    #expect(r.exitCode == 0, "\(r.all)")
    #expect(r.stdout.contains("opal") && r.stdout.contains("plan"))
  }
}
