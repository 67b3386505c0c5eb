import Foundation
import Testing

/// A saved plan is read as untrusted input (`apply FILE`, `show FILE`): only a regular file of at
/// most `PlanFile.maxBytes`. Before, `Data(contentsOf:)` read whatever the path named: a FIFO
/// blocked the command for ever and `/dev/zero` filled memory.
@Suite struct SavedPlanInputTests {
  static let config = "version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n"

  @Test func aPlanPathThatIsNotAFileIsOneErrorBeforeAnyRequest() async throws {
    try await EmulatorFixture.with { emu in
      let config = try emu.write(Self.config)
      let fifo = emu.directory.appendingPathComponent("plan.fifo").path
      #expect(mkfifo(fifo, 0o600) == 0)
      let huge = emu.directory.appendingPathComponent("huge.json").path
      #expect(FileManager.default.createFile(atPath: huge, contents: nil))
      let handle = try #require(FileHandle(forWritingAtPath: huge))
      try handle.truncate(atOffset: UInt64(512 << 20) + 1)  // sparse: no disk used
      try handle.close()
      let cases: [(String, String)] = [
        (fifo, "a FIFO (named pipe), not a regular file"),
        ("/dev/zero", "a character device, not a regular file"),
        (emu.directory.path, "a folder, not a regular file"),
        (huge, "536870913 bytes, more than a plan may hold (536870912)"),
        (emu.directory.appendingPathComponent("missing.json").path, "cannot read it (no such file)"),
      ]
      for (path, message) in cases {
        await emu.server.resetRequestCounts()
        for command in [["apply", path, "-f", config, "--auto-approve"], ["show", path]] {
          let result = await emu.run(command)
          #expect(result.exitCode == 1, "\(command): \(result.all)")
          #expect(result.stderr.contains("\(path): \(message)"), "\(command): \(result.stderr)")
          #expect(result.stderr.components(separatedBy: "error: ").count == 2, "\(result.stderr)")
          #expect(result.stdout.isEmpty, "\(result.stdout)")
        }
        #expect(await emu.server.requestCounts().isEmpty, "\(path): no request before the plan is read")
      }
    }
  }
}
