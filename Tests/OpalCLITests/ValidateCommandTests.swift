import Foundation
import Testing

@Suite struct ValidateCommandTests {
  @Test func examplesAreValid() async {
    let root = CLIHarness.repositoryRoot
    for path in ["examples/opal.yaml", "examples/folder"] {
      let r = await CLIHarness().run(["validate", "-f", root.appendingPathComponent(path).path])
      #expect(r.exitCode == 0, "\(path): \(r.all)")
      #expect(r.stdout.hasPrefix("ok: "))
    }
  }

  @Test func reportsEveryProblemWithFileLineColumnAndExitsOne() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      """
      version: 1
      aliases:
        sonnet4:
          descripton: typo
          models: [a/b, a/b]
      """, to: "opal.yaml", in: dir)
    let r = await CLIHarness().run(["validate", "-f", path])
    #expect(r.exitCode == 1)
    #expect(r.stderr.contains("\(path):4:5: error: "))
    #expect(r.stderr.contains("did you mean 'description'"))
    #expect(r.stderr.contains("\(path):5:"))
    #expect(r.stderr.contains("2 errors"))
  }

  @Test func githubAnnotationsUnderActions() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write("version: 2\naliases: {}\n", to: "opal.yaml", in: dir)
    var harness = CLIHarness()
    harness.environment = ["GITHUB_ACTIONS": "true"]
    let r = await harness.run(["validate", "-f", path])
    #expect(r.exitCode == 1)
    #expect(r.stderr.contains("::error file=\(path),line=1,col="))
    #expect(!r.stdout.contains("::error"))
  }

  @Test func jsonFormatIsVersionedAndComplete() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write("version: 1\naliases:\n  a: {models: []}\n", to: "opal.yaml", in: dir)
    let r = await CLIHarness().run(["validate", "-f", path, "--format", "json"])
    #expect(r.exitCode == 1)
    let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(doc?["format_version"] as? Int == 1)
    #expect(doc?["valid"] as? Bool == false)
    let first = (doc?["diagnostics"] as? [[String: Any]])?.first
    #expect(first?["line"] as? Int == 3)
    #expect(first?["key_path"] as? String == "aliases.a.models")
  }

  @Test func missingFileIsAClearError() async {
    let r = await CLIHarness().run(["validate", "-f", "/nonexistent/opal.yaml"])
    #expect(r.exitCode == 1)
    #expect(r.stderr.contains("/nonexistent/opal.yaml"))
    #expect(!r.stderr.contains("Fatal error"))
  }
}
