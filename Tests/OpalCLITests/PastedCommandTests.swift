import Foundation
import OpperAPI
import Testing

/// SPEC §12 item 3: a saved plan is self-contained and every command opal prints as a hint
/// works when pasted (run here through the harness exactly as printed).
@Suite struct PastedCommandTests {
  static let config = """
    version: 1
    aliases:
      sonnet4:
        models: [aws/claude-sonnet-4-eu, anthropic/claude-sonnet-4]
      team-a/fast:
        models: [openai/gpt-4o-mini]
    """

  /// The words of a command printed between backticks after `marker`, without the leading `opal`.
  static func pastedCommand(after marker: String, in text: String) throws -> [String] {
    let start = try #require(text.range(of: marker), "no '\(marker)' in: \(text)")
    let rest = text[start.upperBound...]
    let open = try #require(rest.firstIndex(of: "`"))
    let body = rest[rest.index(after: open)...]
    let close = try #require(body.firstIndex(of: "`"))
    let words = shellSplit(String(body[..<close]))
    #expect(words.first == "opal")
    return Array(words.dropFirst())
  }

  /// POSIX words: spaces separate, single quotes group.
  static func shellSplit(_ line: String) -> [String] {
    var words: [String] = []
    var word = ""
    var quoted = false
    var inWord = false
    for c in line {
      if c == "'" {
        quoted.toggle()
        inWord = true
      } else if c == " " && !quoted {
        if inWord { words.append(word) }
        word = ""
        inWord = false
      } else {
        word.append(c)
        inWord = true
      }
    }
    if inWord { words.append(word) }
    return words
  }

  @Test func savedPlanAppliesWithoutTheConfigFiles() async throws {
    try await EmulatorFixture.with { emu in
      let folder = emu.directory.appendingPathComponent("aliases")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try CLIHarness.write(Self.config, to: "10-aliases.yaml", in: folder)
      let planFile = emu.directory.appendingPathComponent("plan.json").path
      let plan = await emu.run(["plan", "-f", folder.path, "-o", planFile, "--max-delete", "4"])
      #expect(plan.exitCode == 0, "\(plan.all)")
      // The config is gone: the plan alone is applied.
      try FileManager.default.removeItem(at: folder)
      let pasted = try Self.pastedCommand(after: "apply it with", in: plan.stderr)
      #expect(pasted == ["apply", planFile])
      let apply = await emu.run(pasted)
      #expect(apply.exitCode == 0, "\(apply.all)")
      let names = try await emu.withClient { try await $0.listAliases() }.map(\.name).sorted()
      #expect(names == ["sonnet4", "team-a/fast"])
      let saved = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planFile)))
          as? [String: Any])
      #expect(saved["config_paths"] as? [String] == [folder.path])
      #expect((saved["options"] as? [String: Any])?["max_delete"] as? Int == 4)
      #expect(((saved["desired"] as? [String: Any])?["aliases"] as? [Any])?.count == 2)
    }
  }

  @Test func savedPlanIsStillRefusedWhenTheRemoteMoved() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      let planFile = emu.directory.appendingPathComponent("plan.json").path
      #expect(await emu.run(["plan", "-f", path, "-o", planFile]).exitCode == 0)
      _ = try await emu.withClient {
        try await $0.createAlias(AliasCreate(name: "sonnet4", fallbackModels: ["openai/gpt-4o"]))
      }
      let apply = await emu.run(["apply", planFile])
      #expect(apply.exitCode == 1)
      #expect(apply.stderr.contains("stale plan"), "\(apply.all)")
      #expect(apply.stderr.contains("`opal plan -f \(path)`"), "\(apply.stderr)")
    }
  }

  @Test func markdownFooterCommandKeepsFilesAndSafetyFlags() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      let md = await emu.run(["plan", "-f", path, "--max-delete", "5", "--format", "markdown"])
      #expect(md.exitCode == 0, "\(md.all)")
      let pasted = try Self.pastedCommand(after: "apply with", in: md.stdout)
      #expect(pasted.contains("-f") && pasted.contains(path) && pasted.contains("--max-delete"), "\(pasted)")
      var run = pasted
      run.append("--auto-approve")
      let apply = await emu.run(run)
      #expect(apply.exitCode == 0, "\(apply.all)")
      #expect(try await emu.withClient { try await $0.listAliases() }.count == 2)
    }
  }

  @Test func applyAgainHintConverges() async throws {
    let faults = #"{"endpoints": {"POST /models/aliases": {"consecutive": 1, "status": 400}}}"#
    try await EmulatorFixture.with(faults: faults) { emu in
      let path = try emu.write(Self.config)
      let first = await emu.run(["apply", "-f", path, "--auto-approve", "--parallelism", "1", "--no-color"])
      #expect(first.exitCode == 1, "\(first.all)")
      let pasted = try Self.pastedCommand(after: "Fix the cause and run", in: first.stdout)
      #expect(pasted == ["apply", "-f", path], "\(pasted)")
      let again = await emu.run(pasted + ["--auto-approve"])
      #expect(again.exitCode == 0, "\(again.all)")
      #expect(try await emu.withClient { try await $0.listAliases() }.count == 2)
    }
  }
}

extension PastedCommandTests {
  @Test func unreadablePlanFileHintSavesWithTheSameFiles() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(Self.config)
      let planFile = emu.directory.appendingPathComponent("missing.json").path
      let r = await emu.run(["apply", planFile, "-f", path])
      #expect(r.exitCode == 1)
      let pasted = try Self.pastedCommand(after: "save a plan with", in: r.stderr)
      #expect(pasted == ["plan", "-f", path, "-o", planFile], "\(pasted)")
      #expect(await emu.run(pasted).exitCode == 0)
      #expect(await emu.run(["apply", planFile]).exitCode == 0)
    }
  }
}
