import Foundation
import OpperAPI
import Testing

/// SPEC §12 items 10 and 20: export states the scope it exported; its -o and globs are safe.
@Suite struct ExportScopeTests {
  @Test func removingAnAliasFromAnExportedFilePlansItsDeletion() async throws {
    try await EmulatorFixture.with { emu in
      try await emu.withClient { client in
        for name in ["a", "b", "c"] {
          _ = try await client.createAlias(AliasCreate(name: name, fallbackModels: ["openai/gpt-4o"]))
        }
      }
      let out = emu.directory.appendingPathComponent("exported.yaml").path
      #expect(await emu.run(["export", "-o", out]).exitCode == 0)
      let text = try String(contentsOfFile: out, encoding: .utf8)
      #expect(text.contains("scope:\n  include: [\"*\"]\nprune: true\n"), "\(text)")
      #expect(await emu.run(["plan", "-f", out, "--detailed-exitcode"]).exitCode == 0)
      try text.replacingOccurrences(of: "  c:\n    models: [openai/gpt-4o]\n", with: "")
        .write(toFile: out, atomically: true, encoding: .utf8)
      let plan = await emu.run(["plan", "-f", out, "--no-color"])
      #expect(plan.exitCode == 0, "\(plan.all)")
      #expect(plan.stdout.contains("- c  (delete)"), "\(plan.stdout)")
    }
  }

  @Test func exportWritesItsIncludeGlobs() async throws {
    try await EmulatorFixture.with { emu in
      _ = try await emu.withClient {
        try await $0.createAlias(AliasCreate(name: "team-a/x", fallbackModels: ["openai/gpt-4o"]))
      }
      let r = await emu.run(["export", "--include", "team-a/*"])
      #expect(
        r.stdout.hasPrefix("version: 1\nscope:\n  include: [\"team-a/*\"]\nprune: true\n"), "\(r.stdout)")
    }
  }

  @Test func exportRefusesToOverwriteWithoutForce() async throws {
    try await EmulatorFixture.with { emu in
      let out = try emu.write("precious\n", to: "opal.yaml")
      let refused = await emu.run(["export", "-o", out])
      #expect(refused.exitCode == 1)
      #expect(refused.stderr.contains("already exists"), "\(refused.stderr)")
      #expect(try String(contentsOfFile: out, encoding: .utf8) == "precious\n")
      #expect(await emu.run(["export", "-o", out, "--force"]).exitCode == 0)
      #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("version: 1"))
    }
  }

  @Test func exportIncludeThatMatchesNothingWarns() async throws {
    try await EmulatorFixture.with { emu in
      let r = await emu.run(["export", "--include", "nomatch/*"])
      #expect(r.exitCode == 0)
      #expect(r.stderr.contains("warning: no remote alias matched"), "\(r.stderr)")
      #expect(r.stderr.contains("1 warning"))
    }
  }
}
