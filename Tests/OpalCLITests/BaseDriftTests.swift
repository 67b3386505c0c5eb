import Foundation
import OpperAPI
import Testing

/// SPEC §12 item 11: `plan --base REF` tells drift (changed outside opal since REF, which the PR
/// reverts) apart from the pull request's own changes.
@Suite struct BaseDriftTests {
  static func git(_ arguments: [String], in directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", directory.path] + arguments
    process.environment = [
      "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
      "GIT_COMMITTER_EMAIL": "t@example.com", "HOME": directory.path, "PATH": "/usr/bin:/bin",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "git \(arguments)")
  }

  @Test func changesTheBaseWouldMakeTooAreDrift() async throws {
    try await EmulatorFixture.with { emu in
      let folder = emu.directory.appendingPathComponent("aliases")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try CLIHarness.write(
        "version: 1\naliases:\n  a:\n    models: [openai/gpt-4o]\n", to: "a.yaml", in: folder)
      try Self.git(["init", "-q"], in: emu.directory)
      try Self.git(["add", "."], in: emu.directory)
      try Self.git(["commit", "-q", "-m", "base"], in: emu.directory)
      #expect(await emu.run(["apply", "-f", folder.path, "--auto-approve"]).exitCode == 0)
      // By hand, in the console: a's chain changes.
      try await emu.withClient { client in
        let a = try #require(try await client.alias(named: "a"))
        _ = try await client.updateAlias(id: a.id, AliasUpdate(fallbackModels: ["anthropic/claude-sonnet-4"]))
      }
      // The pull request adds b.
      try CLIHarness.write(
        "version: 1\naliases:\n  b:\n    models: [openai/gpt-4o-mini]\n", to: "b.yaml", in: folder)
      let r = await emu.run(["plan", "-f", folder.path, "--base", "HEAD", "--no-color"])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(r.stdout.contains("~ a  (update) [drift]"), "\(r.stdout)")
      #expect(r.stdout.contains("changed outside opal since HEAD: this PR reverts it"))
      #expect(r.stdout.contains("+ b  (create)\n"), "\(r.stdout)")
      #expect(r.stdout.contains("compared with HEAD: 1 change of this PR's own, 1 drift"), "\(r.stdout)")
      let json = await emu.run(["plan", "-f", folder.path, "--base", "HEAD", "--format", "json"])
      let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
      let changes = try #require(doc["changes"] as? [[String: Any]])
      #expect(changes.map { $0["drift"] as? Bool } == [true, false])
      #expect(doc["base"] as? String == "HEAD")
      let md = await emu.run(["plan", "-f", folder.path, "--base", "HEAD", "--format", "markdown"])
      #expect(md.stdout.contains("#### ~ `a` (update) — drift"), "\(md.stdout)")

      let unknown = await emu.run(["plan", "-f", folder.path, "--base", "no-such-ref"])
      #expect(unknown.exitCode == 1)
      #expect(unknown.stderr.contains("git could not read no-such-ref"), "\(unknown.stderr)")
    }
  }
}
