import Foundation
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Testing

/// Output paths, numeric flags and network failures as a user meets them (issue 13 §5, §6;
/// issue 12 §8, §15): checked first, said in words, never a crash.
@Suite struct UntrustedInputTests {
  static let config = "version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n"

  @Test func aPlanOutputInAMissingFolderIsRefusedBeforeAnyRequest() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      await emu.server.resetRequestCounts()
      let result = await emu.run(["plan", "-f", path, "-o", "/nonexistent-opal/p.json"])
      #expect(result.exitCode == 1)
      #expect(result.stdout.isEmpty, "no plan is printed when it cannot be saved: \(result.stdout)")
      #expect(result.stderr.contains("the folder /nonexistent-opal does not exist"), "\(result.stderr)")
      #expect(!result.stderr.contains("NSCocoaErrorDomain"))
      #expect(await emu.server.requestCounts().isEmpty)
    }
  }

  @Test(arguments: [["plan", "-o", "/dev/full"], ["export", "-o", "/dev/full"]])
  func aWriteThatFailsIsAnError(arguments: [String]) async throws {
    // Before: `plan -o /dev/full` and `export -o /dev/full` exited 0.
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      _ = await emu.run(["apply", "-f", path, "--auto-approve"])
      let args = arguments[0] == "plan" ? ["plan", "-f", path] + arguments.dropFirst() : arguments
      let result = await emu.run(args)
      #expect(result.exitCode == 1, "\(result.all)")
      #expect(result.stderr.contains("no space left on device"), "\(result.stderr)")
    }
  }

  @Test func aJUnitPathThatCannotBeWrittenStopsSmokeBeforeAnyCall() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      _ = await emu.run(["apply", "-f", path, "--auto-approve"])
      await emu.server.resetRequestCounts()
      let result = await emu.run(["smoke", "-f", path, "--junit", "/nonexistent-opal/x.xml"])
      #expect(result.exitCode == 1)
      #expect(result.stderr.contains("--junit"), "\(result.stderr)")
      #expect(await emu.server.requestCounts()["POST /v2/call"] == nil)
    }
  }

  @Test func anExportToADeviceKeepsTheDevice() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      _ = await emu.run(["apply", "-f", path, "--auto-approve"])
      let result = await emu.run(["export", "-o", "/dev/null"])
      #expect(result.exitCode == 0, "\(result.all)")
      var info = stat()
      #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }
  }

  @Test(arguments: [
    ["--timeout", "inf"], ["--timeout", "1e30"], ["--timeout", "nan"], ["--timeout", "-1"],
    ["--timeout", "0"], ["--parallelism", "0"], ["--parallelism", "100000"], ["--rps", "inf"],
  ])
  func outOfRangeNumbersAreClearErrorsNotCrashes(flag: [String]) async throws {
    // Before: `--timeout inf` and `--timeout 1e30` crashed converting Double to Int64.
    var harness = CLIHarness()
    harness.environment = ["OPPER_API_KEY": "sk-not-used-12345", "OPPER_BASE_URL": "http://127.0.0.1:9/v2"]
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(Self.config, to: "opal.yaml", in: dir)
    let result = await harness.run(["plan", "-f", path] + flag)
    #expect(result.exitCode != 0)
    #expect(result.stderr.contains(flag[0]), "\(result.stderr)")
  }

  @Test func aTimeoutBoundsTheWholeRequestAndSaysWhatWasTried() async throws {
    // Before: `--timeout 2` took 12.1 s to say "timed out", without the host or the attempts.
    let server = HostileServer { _ in [.hang] }
    let port = try await server.start()
    var harness = CLIHarness()
    harness.environment = ["OPPER_API_KEY": testKey, "OPPER_BASE_URL": server.baseURL(port: port)]
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(Self.config, to: "opal.yaml", in: dir)
    let clock = ContinuousClock()
    let started = clock.now
    let result = await harness.run(["plan", "-f", path, "--timeout", "4"])
    let elapsed = clock.now - started
    await server.stop()
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("127.0.0.1:\(port)"), "the host is named: \(result.stderr)")
    #expect(result.stderr.contains("timed out"))
    #expect(result.stderr.contains("attempt"), "\(result.stderr)")
    #expect(result.stderr.contains("is the emulator running"), "a loopback API gets the emulator hint")
    // Each read is bounded by 4 s in all (three reads in parallel); the old bound per attempt took
    // 6× the timeout (24 s here). Room for a machine running the whole suite in parallel.
    #expect(elapsed < .seconds(16))
  }

  @Test func aNonJSON404HintsAtTheBaseURLPath() async throws {
    try await withHostileServer({ _ in
      [.respond(404, "<html>Not Found</html>", headers: [("Content-Type", "text/html")])]
    }) {
      server, _ in
      var harness = CLIHarness()
      harness.environment = [
        "OPPER_API_KEY": testKey, "OPPER_BASE_URL": server.baseURL(port: server.port ?? 0, path: "/wrong"),
      ]
      let dir = try CLIHarness.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let path = try CLIHarness.write(Self.config, to: "opal.yaml", in: dir)
      let result = await harness.run(["plan", "-f", path])
      #expect(result.exitCode == 1)
      #expect(result.stderr.contains("HTTP 404"), "\(result.stderr)")
      #expect(result.stderr.contains("base URL's path"), "\(result.stderr)")
    }
  }

  @Test func httpsToAPlainHTTPPortSaysSoWithoutTLSInternals() async throws {
    try await withEmulator { server, _ in
      var harness = CLIHarness()
      let plain = server.baseURL
      harness.environment = [
        "OPPER_API_KEY": testKey,
        "OPPER_BASE_URL": plain.replacingOccurrences(of: "http://", with: "https://"),
      ]
      let dir = try CLIHarness.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let path = try CLIHarness.write(Self.config, to: "opal.yaml", in: dir)
      // A generous timeout: the handshake's answer is slow on a loaded machine, never absent.
      let result = await harness.run(["plan", "-f", path, "--timeout", "30"])
      #expect(result.exitCode == 1)
      #expect(result.stderr.contains("answers plain HTTP"), "\(result.stderr)")
      #expect(!result.stderr.contains("BoringSSL") && !result.stderr.contains(".build/"), "\(result.stderr)")
    }
  }

  @Test func aDNSFailureOfARealHostGivesNoEmulatorHint() async throws {
    var harness = CLIHarness()
    harness.environment = ["OPPER_API_KEY": testKey, "OPPER_BASE_URL": "https://opal-test.invalid/v2"]
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(Self.config, to: "opal.yaml", in: dir)
    let result = await harness.run(["plan", "-f", path, "--timeout", "20"])
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("opal-test.invalid"), "\(result.stderr)")
    // A machine whose resolver answers says so; one whose resolver is slow or absent times out.
    // Either way a real host never gets the emulator hint.
    if !result.stderr.contains("timed out") {
      #expect(result.stderr.contains("does not resolve"), "\(result.stderr)")
    }
    #expect(!result.stderr.contains("emulator"), "\(result.stderr)")
  }
}
