import Foundation
import Testing

/// Every user mistake: one clear message, exit 1, never a crash, never the key.
@Suite struct ErrorPathTests {
  static let canary = "sk-canary-4f9d2b7e1a"

  @Test func missingKeySaysHowToSetIt() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\naliases: {a: {models: [openai/gpt-4o]}}\n", to: "o.yaml", in: dir)
    var harness = CLIHarness()
    harness.environment = ["OPPER_BASE_URL": "http://127.0.0.1:9/v2"]
    let r = await harness.run(["plan", "-f", path])
    #expect(r.exitCode == 1)
    #expect(r.stderr.contains("OPPER_API_KEY"))
  }

  @Test func plainHTTPToARemoteHostIsRefused() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\naliases: {a: {models: [openai/gpt-4o]}}\n", to: "o.yaml", in: dir)
    var harness = CLIHarness()
    harness.environment = ["OPPER_BASE_URL": "http://api.example.com/v2", "OPPER_API_KEY": Self.canary]
    let r = await harness.run(["plan", "-f", path])
    #expect(r.exitCode == 1)
    #expect(r.stderr.contains("http://"))
    #expect(!r.all.contains(Self.canary))
  }

  @Test func wrongKeyIsA401WithAHintAndTheKeyNeverShows() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write("version: 1\naliases: {a: {models: [openai/gpt-4o]}}\n")
      var harness = emu.harness
      harness.environment["OPPER_API_KEY"] = Self.canary
      for args in [
        ["plan", "-f", path, "-v"], ["apply", "-f", path, "--auto-approve", "-v"], ["export"],
        ["smoke", "-f", path, "--format", "json"],
      ] {
        let r = await harness.run(args)
        #expect(r.exitCode == 1, "\(args): \(r.all)")
        #expect(r.stderr.contains("401"), "\(args): \(r.all)")
        #expect(!r.all.contains(Self.canary), "\(args) leaked the key")
      }
    }
  }

  @Test func connectionRefusedIsClear() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\naliases: {a: {models: [openai/gpt-4o]}}\n", to: "o.yaml", in: dir)
    var harness = CLIHarness()
    harness.environment = ["OPPER_BASE_URL": "http://127.0.0.1:9/v2", "OPPER_API_KEY": Self.canary]
    let r = await harness.run(["plan", "-f", path, "--timeout", "2"])
    #expect(r.exitCode == 1)
    #expect(r.stderr.contains("hint:"))
    #expect(!r.all.contains(Self.canary))
  }
}
