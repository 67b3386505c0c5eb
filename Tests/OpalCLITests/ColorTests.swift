import Foundation
import OpalCLI
import Synchronization
import Testing

/// Colour is decided once: `--color always` colours even a pipe; `--color never`, `--no-color`
/// and `NO_COLOR` turn it off; `auto` colours only a terminal.
@Suite struct ColorTests {
  static let escape = "\u{1B}["

  /// Runs `opal` with stdout and stderr on a pretend terminal or pipe.
  static func run(_ arguments: [String], terminal: Bool, environment: [String: String] = [:]) async
    -> (code: Int32, stdout: String, stderr: String)
  {
    let out = Mutex("")
    let err = Mutex("")
    let context = CommandContext(
      environment: environment, stdout: { t in out.withLock { $0 += t } },
      stderr: { t in err.withLock { $0 += t } }, stdoutIsTerminal: terminal, stderrIsTerminal: terminal)
    let code = await OpalMain.run(arguments: arguments, context: context)
    return (code, out.withLock { $0 }, err.withLock { $0 })
  }

  static func badConfig() throws -> (URL, String) {
    let dir = try CLIHarness.temporaryDirectory()
    let path = try CLIHarness.write("version: 1\naliases:\n  a: {models: []}\n", to: "opal.yaml", in: dir)
    return (dir, path)
  }

  @Test func colorAlwaysColoursAPipe() async throws {
    let (dir, path) = try Self.badConfig()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = await Self.run(["validate", "-f", path, "--color", "always"], terminal: false)
    #expect(r.code == 1)
    #expect(r.stderr.contains(Self.escape))
  }

  @Test func neverNoColorAndNO_COLORTurnColourOffOnATerminal() async throws {
    let (dir, path) = try Self.badConfig()
    defer { try? FileManager.default.removeItem(at: dir) }
    let auto = await Self.run(["validate", "-f", path], terminal: true)
    #expect(auto.stderr.contains(Self.escape), "auto colours a terminal")
    for (args, env) in [
      (["--color", "never"], [:]), (["--no-color"], [:]), ([], ["NO_COLOR": "1"]),
    ] as [([String], [String: String])] {
      let r = await Self.run(["validate", "-f", path] + args, terminal: true, environment: env)
      #expect(r.code == 1)
      #expect(!r.stderr.contains(Self.escape), "\(args) \(env)")
    }
  }

  @Test func autoLeavesAPipePlain() async throws {
    let (dir, path) = try Self.badConfig()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = await Self.run(["validate", "-f", path], terminal: false)
    #expect(!r.stderr.contains(Self.escape))
  }

  @Test func colorAlwaysColoursThePlanOnAPipe() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write("version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n")
      let always = await emu.run(["plan", "-f", path, "--color", "always"])
      #expect(always.exitCode == 0, "\(always.all)")
      #expect(always.stdout.contains(Self.escape))
      let plain = await emu.run(["plan", "-f", path])
      #expect(!plain.stdout.contains(Self.escape))
    }
  }
}
