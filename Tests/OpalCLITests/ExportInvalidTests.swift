import Foundation
import OpalTestSupport
import Testing

/// `opal export` of a remote that holds aliases opal's rules reject (issue 13 §13): the rest is
/// exported and validates, each skipped alias is named with why, and the exit is 1 unless
/// `--skip-invalid`.
@Suite struct ExportInvalidTests {
  static let remote = [
    #"{"id":"1","name":"good","fallback_models":["openai/gpt-4o"]}"#,
    #"{"id":"2","name":"tab\there","fallback_models":["openai/gpt-4o"]}"#,
    #"{"id":"3","name":"empty-chain","fallback_models":[]}"#,
    #"{"id":"4","name":"\#(String(repeating: "n", count: 300))","fallback_models":["openai/gpt-4o"]}"#,
  ]

  @Test(arguments: [false, true])
  func invalidAliasesAreSkippedByNameAndTheFileValidates(skipInvalid: Bool) async throws {
    try await withHostileServer(LyingServerApplyTests.api(remote: Self.remote) { _ in nil }) { server, _ in
      var harness = CLIHarness()
      harness.environment = [
        "OPPER_API_KEY": testKey, "OPPER_BASE_URL": server.baseURL(port: server.port ?? 0),
      ]
      let dir = try CLIHarness.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let out = dir.appendingPathComponent("exported.yaml").path
      let result = await harness.run(["export", "-o", out] + (skipInvalid ? ["--skip-invalid"] : []))
      #expect(result.exitCode == (skipInvalid ? 0 : 1), "\(result.all)")
      #expect(result.stderr.contains(#"tab\u{0009}here"#), "\(result.stderr)")
      #expect(result.stderr.contains("empty-chain") && result.stderr.contains("chain is empty"))
      #expect(result.stderr.contains("characters long"))
      let validated = await harness.run(["validate", "-f", out])
      #expect(validated.exitCode == 0, "the exported file validates: \(validated.all)")
      let text = try String(contentsOfFile: out, encoding: .utf8)
      #expect(text.contains("good:"))
    }
  }
}
