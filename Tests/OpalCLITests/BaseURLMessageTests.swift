import Foundation
import Testing

/// SPEC §12 item 7: a refused base URL or key is reported as what it is, without a fake
/// request location (`error: - -: refusing http:// base URL …` was printed).
@Suite struct BaseURLMessageTests {
  func plan(_ environment: [String: String]) async throws -> CLIHarness.Result {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\naliases:\n  a:\n    models: [openai/gpt-4o]\n", to: "opal.yaml", in: dir)
    var harness = CLIHarness()
    harness.environment = environment
    return await harness.run(["plan", "-f", path])
  }

  @Test func plainHTTPToARemoteHostSaysSoWithoutAFakeMethodAndPath() async throws {
    let r = try await plan([
      "OPPER_BASE_URL": "http://api.example.com/v2", "OPPER_API_KEY": "a-long-enough-key",
    ])
    #expect(r.exitCode == 1)
    #expect(r.stderr.contains("error: refusing http:// base URL to non-loopback host"), "\(r.stderr)")
    #expect(!r.stderr.contains("- -:"))
  }

  @Test func aBadSchemeAndATooShortKeySayWhatIsWrong() async throws {
    let scheme = try await plan(["OPPER_BASE_URL": "ftp://example.com", "OPPER_API_KEY": "a-long-enough-key"])
    #expect(scheme.stderr.contains("error: base URL must start with https://"), "\(scheme.stderr)")
    let key = try await plan(["OPPER_BASE_URL": "https://api.example.com/v2", "OPPER_API_KEY": "short"])
    #expect(key.exitCode == 1)
    #expect(key.stderr.contains("error: the API key is 5 characters long"), "\(key.stderr)")
    #expect(!key.stderr.contains("- -:"))
  }
}
