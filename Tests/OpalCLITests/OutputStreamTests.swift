import Foundation
import OpalCLI
import Synchronization
import Testing

/// stdout carries only the document asked for; diagnostics and annotations go to stderr, and
/// `--format json` prints JSON even when the command fails before its document exists.
@Suite struct OutputStreamTests {
  static func json(_ text: String) -> [String: Any]? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
  }

  @Test func annotationsGoToStderrNotStdout() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write("version: 2\naliases: {}\n", to: "opal.yaml", in: dir)
    var harness = CLIHarness()
    harness.environment = ["GITHUB_ACTIONS": "true"]
    for format in ["text", "json"] {
      let r = await harness.run(["validate", "-f", path, "--format", format])
      #expect(r.exitCode == 1)
      #expect(r.stderr.contains("::error file=\(path),line=1,col="), "\(format): \(r.stderr)")
      #expect(!r.stdout.contains("::error"), "\(format): \(r.stdout)")
    }
  }

  @Test func planJSONStaysJSONUnderGitHubActions() async throws {
    try await EmulatorFixture.with { emu in
      var harness = emu.harness
      harness.environment["GITHUB_ACTIONS"] = "true"
      // A clean plan: the plan document and nothing else.
      let good = try emu.write("version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n", to: "good.yaml")
      let ok = await harness.run(["plan", "-f", good, "--format", "json"])
      #expect(ok.exitCode == 0, "\(ok.all)")
      #expect(Self.json(ok.stdout)?["format_version"] as? Int == 1, "stdout: \(ok.stdout)")
      // A model the catalog lacks: the annotation goes to stderr, stdout is the error document.
      let bad = try emu.write("version: 1\naliases:\n  a: {models: [nope/model]}\n", to: "bad.yaml")
      let failed = await harness.run(["plan", "-f", bad, "--format", "json"])
      #expect(failed.exitCode == 1)
      #expect(failed.stderr.contains("::error file=\(bad),line=3,col="), "\(failed.stderr)")
      let doc = try #require(Self.json(failed.stdout), "stdout: \(failed.stdout)")
      #expect(doc["ok"] as? Bool == false)
      let first = (doc["diagnostics"] as? [[String: Any]])?.first
      #expect(first?["key_path"] as? String == "aliases.a.models[0]")
    }
  }

  @Test func aConfigErrorUnderFormatJSONPrintsTheErrorDocument() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\naliases:\n  a:\n    descripton: typo\n    models: [openai/gpt-4o]\n", to: "opal.yaml",
      in: dir)
    var harness = CLIHarness()
    // The client is made but never reached: the config stage stops first.
    harness.environment = ["OPPER_BASE_URL": "http://127.0.0.1:9/v2", "OPPER_API_KEY": "k"]
    for command in [["plan"], ["apply", "--auto-approve"], ["smoke"]] {
      let r = await harness.run(command + ["-f", path, "--format", "json"])
      #expect(r.exitCode == 1, "\(command): \(r.all)")
      let doc = try #require(Self.json(r.stdout), "\(command) stdout: \(r.stdout)")
      #expect(doc["version"] as? Int == 1)
      #expect(doc["ok"] as? Bool == false)
      let diagnostics = try #require(doc["diagnostics"] as? [[String: Any]])
      #expect(diagnostics.first?["line"] as? Int == 4)
      #expect(diagnostics.first?["key_path"] as? String == "aliases.a.descripton")
      // People still read the diagnostics on stderr.
      #expect(r.stderr.contains("\(path):4:5: error: "), "\(command): \(r.stderr)")
    }
  }

  @Test func aFailureWithoutAnyDiagnosticStillPrintsTheErrorDocument() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\naliases: {a: {models: [openai/gpt-4o]}}\n", to: "o.yaml", in: dir)
    let r = await CLIHarness().run(["plan", "-f", path, "--format", "json"])
    #expect(r.exitCode == 1)
    let doc = try #require(Self.json(r.stdout), "stdout: \(r.stdout)")
    let message = (doc["diagnostics"] as? [[String: Any]])?.first?["message"] as? String
    #expect(message?.contains("OPPER_API_KEY") == true)
    #expect(r.stderr.contains("OPPER_API_KEY"))
  }

  @Test func invisibleCharactersInDiagnosticsAreEscaped() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\naliases:\n  a:\n    desc\u{202E}ription: x\n    models: [openai/gpt-4o]\n",
      to: "opal.yaml",
      in: dir)
    let r = await CLIHarness().run(["validate", "-f", path])
    #expect(r.exitCode == 1)
    #expect(!r.stderr.unicodeScalars.contains("\u{202E}"), "\(r.stderr)")
    #expect(r.stderr.contains(#"desc\u{202E}ription"#), "\(r.stderr)")
  }

  @Test func everyCommandSaysTheSameSummaryLine() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\naliases:\n  a:\n    descripton: typo\n    models: []\n", to: "opal.yaml", in: dir)
    var harness = CLIHarness()
    harness.environment = ["OPPER_BASE_URL": "http://127.0.0.1:9/v2", "OPPER_API_KEY": "k"]
    for command in [["validate"], ["plan"], ["apply", "--auto-approve"], ["smoke"]] {
      let r = await harness.run(command + ["-f", path])
      #expect(r.exitCode == 1)
      let summary = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
      #expect(summary.hasPrefix("2 errors"), "\(command): \(r.stderr)")
    }
  }
}
