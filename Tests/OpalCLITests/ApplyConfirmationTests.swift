import Foundation
import Testing

/// On a terminal, apply asks first; only "yes" goes ahead. In CI it never asks.
@Suite struct ApplyConfirmationTests {
  static let config = "version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n"

  @Test func anythingButYesChangesNothing() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      let r = await emu.harness.run(["apply", "-f", path], stdinIsTerminal: true, answer: "y")
      #expect(r.exitCode == 1)
      #expect(r.stderr.contains("Only 'yes'"))
      #expect(r.stderr.contains("nothing was changed"))
      #expect(try await emu.withClient { try await $0.listAliases() }.isEmpty)
    }
  }

  @Test func yesApplies() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      let r = await emu.harness.run(["apply", "-f", path], stdinIsTerminal: true, answer: "yes")
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(try await emu.withClient { try await $0.listAliases() }.map(\.name) == ["a"])
    }
  }

  @Test func ciNeverAsks() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      var harness = emu.harness
      harness.environment["CI"] = "true"
      let r = await harness.run(["apply", "-f", path], stdinIsTerminal: true, answer: nil)
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(!r.stderr.contains("Only 'yes'"))
    }
  }

  @Test func deleteThresholdRefusesWithoutForce() async throws {
    try await EmulatorFixture.with { emu in
      _ = try await emu.withClient { client in
        for i in 0..<5 {
          _ = try await client.createAlias(.init(name: "t/\(i)", fallbackModels: ["openai/gpt-4o"]))
        }
      }
      let path = try emu.write(
        "version: 1\nscope: {include: [\"t/*\"]}\nprune: true\naliases:\n  t/0: {models: [openai/gpt-4o]}\n")
      let refused = await emu.run(["apply", "-f", path, "--auto-approve"])
      #expect(refused.exitCode == 1)
      #expect(refused.all.contains("--force"))
      #expect(try await emu.withClient { try await $0.listAliases() }.count == 5)
      let forced = await emu.run(["apply", "-f", path, "--auto-approve", "--force"])
      #expect(forced.exitCode == 0, "\(forced.all)")
      #expect(try await emu.withClient { try await $0.listAliases() }.map(\.name) == ["t/0"])
    }
  }
}
