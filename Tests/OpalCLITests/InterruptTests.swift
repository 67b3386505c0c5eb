import Foundation
import OpperAPI
import Testing

/// Interrupt safety (SPEC §5, issue 7): SIGINT or SIGTERM at a random (seeded) point of a real
/// `opal apply` — 100 creates, 4 in flight, 200 ms per alias request — ends with exit 130 and a
/// report of what was done; exactly the changes reported as succeeded exist remotely, nothing is
/// duplicated, and the next apply converges to the file.
@Suite(.serialized) struct InterruptTests {
  static let aliasCount = 100
  static let latencyFaults = """
    {"endpoints": {"* /models/aliases": {"latency_ms": 200}, "* /models/aliases/*": {"latency_ms": 200}}}
    """

  static var config: String {
    var out = "version: 1\nscope: {include: [\"bulk/*\"]}\nprune: true\naliases:\n"
    for i in 1...aliasCount {
      out += "  bulk/a\(i):\n    description: \"alias \(i)\"\n"
      out +=
        "    models: [openai/gpt-4o, \(i % 2 == 0 ? "anthropic/claude-sonnet-4" : "gcp/gemini-2.5-flash")]\n"
    }
    return out
  }

  /// The seed of the signal timing: `OPAL_INTERRUPT_SEED`, or a fixed one.
  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["OPAL_INTERRUPT_SEED"].flatMap(UInt64.init) ?? 20_261_125
  }

  @Test func sigintDuringApplyReportsWhatWasDoneAndTheNextApplyConverges() async throws {
    try await interruptApply(signal: SIGINT, format: "text", seed: Self.seed)
  }

  @Test func sigtermDuringApplyReportsWhatWasDoneAndTheNextApplyConverges() async throws {
    try await interruptApply(signal: SIGTERM, format: "json", seed: Self.seed &+ 1)
  }

  func interruptApply(signal sig: Int32, format: String, seed: UInt64) async throws {
    var random = SoakRandom(seed: seed)
    // Signal once this many creates have reached the emulator: early, middle or late.
    let trigger = random.int(in: 4...(Self.aliasCount * 3 / 4))
    try await EmulatorFixture.with(faults: Self.latencyFaults) { emu in
      let path = try emu.write(Self.config)
      let env = emu.harness.environment
      let apply = try OpalProcess(
        ["apply", "-f", path, "--auto-approve", "--parallelism", "4", "--format", format, "--no-color"],
        environment: env, directory: emu.directory)
      let deadline = Date().addingTimeInterval(30)
      while apply.isRunning, Date() < deadline {
        if await emu.server.requestCounts()["POST /v2/models/aliases", default: 0] >= trigger { break }
        try await Task.sleep(for: .milliseconds(5))
      }
      apply.signal(sig)
      let r = try await apply.wait(seconds: 30)
      let context = "seed \(seed), signal \(sig) after \(trigger) creates:\n\(r.all)"
      #expect(r.exitCode == 130, "\(context)")

      // The report names what was done.
      let succeeded: Set<String>
      let notStarted: Int
      if format == "json" {
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["interrupted"] as? Bool == true, "\(context)")
        let results = object?["results"] as? [[String: Any]] ?? []
        func status(_ r: [String: Any]) -> String? { (r["outcome"] as? [String: Any])?["status"] as? String }
        func name(_ r: [String: Any]) -> String? { (r["change"] as? [String: Any])?["name"] as? String }
        succeeded = Set(results.filter { status($0) == "succeeded" }.compactMap(name))
        notStarted = results.filter { status($0) == "not_started" }.count
        #expect(results.count == Self.aliasCount, "\(context)")
      } else {
        let lines = r.stdout.split(separator: "\n")
        // "ok       + bulk/a7  (203 ms)": status, symbol, name, extras.
        succeeded = Set(
          lines.filter { $0.hasPrefix("ok ") }.compactMap { line in
            let words = line.split(separator: " ")
            return words.count > 2 ? String(words[2]) : nil
          })
        notStarted = lines.filter { $0.hasPrefix("not run") }.count
        #expect(r.stdout.contains("Interrupted:"), "\(context)")
        #expect(r.stdout.contains("\(succeeded.count) succeeded"), "\(context)")
        #expect(r.stdout.contains("\(notStarted) not started"), "\(context)")
      }
      #expect(succeeded.count > 0, "\(context)")
      #expect(notStarted > 0, "\(context)")

      // Exactly what the report says succeeded exists; nothing twice.
      let remote = try await emu.withClient { try await $0.listAliases() }
      #expect(Set(remote.map(\.name)).count == remote.count, "duplicates: \(remote.map(\.name))")
      #expect(Set(remote.map(\.name)) == succeeded, "\(context)")

      // The next apply converges to the file exactly.
      await emu.server.setFaults(.init())
      let again = try await OpalProcess.run(
        ["apply", "-f", path, "--auto-approve", "--format", "json"], environment: env,
        directory: emu.directory)
      #expect(again.exitCode == 0, "\(again.all)")
      let final = try await emu.withClient { try await $0.listAliases() }
      #expect(final.count == Self.aliasCount)
      for alias in final {
        let i = Int(alias.name.dropFirst("bulk/a".count)) ?? 0
        let second = i % 2 == 0 ? "anthropic/claude-sonnet-4" : "gcp/gemini-2.5-flash"
        #expect(alias.fallbackModels == ["openai/gpt-4o", second], "\(alias)")
        #expect(alias.description == "alias \(i)", "\(alias)")
      }
      let plan = try await OpalProcess.run(
        ["plan", "-f", path, "--detailed-exitcode"], environment: env, directory: emu.directory)
      #expect(plan.exitCode == 0, "\(plan.all)")
    }
  }
}
