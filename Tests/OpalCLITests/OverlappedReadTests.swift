import Foundation
import OpalTestSupport
import Testing

/// `plan` and `apply` start the remote read before the config is loaded (the read does not
/// depend on it). The config still speaks first: an invalid config shows exactly its own
/// diagnostics and exit code whatever the reads in flight hit; a valid one shows the remote's
/// error as before.
@Suite struct OverlappedReadTests {
  static let invalid = """
    version: 1
    aliases:
      good: {models: [openai/gpt-4o]}
      bad: {models: []}
      worse: {modles: [openai/gpt-4o]}
    """
  static let valid = """
    version: 1
    aliases:
      a: {models: [openai/gpt-4o]}
      b: {models: [openai/gpt-4o-mini, openai/gpt-4o]}
      c: {models: [anthropic/claude-sonnet-4]}
    """
  static let withRoutes = """
    version: 1
    aliases:
      a: {models: [openai/gpt-4o]}
    routes:
      support:
        models: [anthropic/claude-sonnet-4, openai/gpt-4o]
    """
  static let boom = "SERVER-BOOM-4f2a"

  /// A server that fails every request with a 500 naming `boom`.
  static let failing: HostileServer.Script = { _ in
    [.respond(500, #"{"type":"InternalError","message":"\#(OverlappedReadTests.boom)"}"#)]
  }

  /// Runs `arguments` (the config path appended after `-f`) against a hostile server.
  func run(
    _ config: String, _ arguments: [String], against script: @escaping HostileServer.Script,
    in directory: URL
  ) async throws -> CLIHarness.Result {
    try await withHostileServer(script) { server, _ in
      var harness = CLIHarness()
      harness.environment = [
        "OPPER_API_KEY": testKey, "OPPER_BASE_URL": server.baseURL(port: server.port ?? 0),
      ]
      let path = try CLIHarness.write(config, to: "opal.yaml", in: directory)
      return await harness.run(arguments + ["-f", path, "--no-color"])
    }
  }

  @Test func anInvalidConfigShowsTheSameDiagnosticsWhateverTheServerDoes() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for command in [["plan"], ["plan", "--format", "json"], ["apply", "--auto-approve"]] {
      // Against a working emulator: the config's diagnostics, exit 1.
      let path = try CLIHarness.write(Self.invalid, to: "opal.yaml", in: dir)
      let healthy = try await EmulatorFixture.with { emu in
        await emu.run(command + ["-f", path, "--no-color"])
      }
      #expect(healthy.exitCode == 1, "\(healthy.all)")
      #expect(healthy.stderr.contains("opal.yaml:4:"), "file:line:col kept: \(healthy.stderr)")
      // Against a server failing every request, and one that never answers (the reads are
      // cancelled, so the command does not wait out the long timeout): the same bytes.
      let failing = try await run(Self.invalid, command, against: Self.failing, in: dir)
      let hanging = try await run(
        Self.invalid, command + ["--timeout", "600"], against: { _ in [.hang] }, in: dir)
      for result in [failing, hanging] {
        #expect(result.exitCode == healthy.exitCode, "\(command): \(result.all)")
        #expect(result.stderr == healthy.stderr, "\(command)")
        #expect(result.stdout == healthy.stdout, "\(command)")
        #expect(!result.all.contains(Self.boom), "\(command): the remote error is not shown")
      }
    }
  }

  @Test func aValidConfigAgainstAFailingServerShowsTheRemoteError() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for command in [["plan"], ["apply", "--auto-approve"]] {
      let result = try await run(Self.valid, command, against: Self.failing, in: dir)
      #expect(result.exitCode == 1, "\(command): \(result.all)")
      #expect(result.stderr.contains("HTTP 500"), "\(command): \(result.stderr)")
      #expect(result.stderr.contains(Self.boom), "\(command): \(result.stderr)")
    }
  }

  @Test func routesWithoutAManagementKeyStopWithTheirMessageWhateverTheServerDoes() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for command in [["plan"], ["apply", "--auto-approve"]] {
      let result = try await run(Self.withRoutes, command, against: Self.failing, in: dir)
      #expect(result.exitCode == 1, "\(command): \(result.all)")
      #expect(
        result.stderr.contains("declares 1 dynamic route but no management key is set"),
        "\(command): \(result.stderr)")
      #expect(!result.all.contains(Self.boom), "\(command): \(result.all)")
    }
  }

  @Test func aSlowServerGivesTheSamePlanAsAQuickOne() async throws {
    // Every request waits 150 ms: the reads run while the config loads, and the plan is the
    // one a quick server gives, byte for byte.
    let quick = try await jsonPlan(faults: nil)
    let slow = try await jsonPlan(faults: #"{"endpoints": {"*": {"latency_ms": 150}}}"#)
    #expect(quick.exitCode == 0, "\(quick.all)")
    #expect(slow.exitCode == quick.exitCode, "\(slow.all)")
    #expect(slow.stdout == quick.stdout)
    #expect(quick.stdout.contains(#""create""#), "\(quick.stdout)")
  }

  /// The JSON plan of the valid config against an emulator serving `faults`, with the config's
  /// path (each fixture has its own scratch directory, and the plan records its `-f` paths)
  /// written as `opal.yaml`, and any other mention of the scratch directory as `opal-cli-X`.
  func jsonPlan(faults: String?) async throws -> CLIHarness.Result {
    try await EmulatorFixture.with(faults: faults) { emu in
      let path = try emu.write(Self.valid)
      var result = await emu.run(["plan", "-f", path, "--format", "json"])
      result.stdout = result.stdout.replacingOccurrences(of: path, with: "opal.yaml")
        .replacing(/opal-cli-[0-9A-F-]+/, with: "opal-cli-X")
      return result
    }
  }

  @Test func aServerThatNeverAnswersAValidConfigTimesOut() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try await run(Self.valid, ["plan", "--timeout", "1"], against: { _ in [.hang] }, in: dir)
    #expect(result.exitCode == 1, "\(result.all)")
    #expect(result.stderr.contains("timed out"), "\(result.stderr)")
  }
}
