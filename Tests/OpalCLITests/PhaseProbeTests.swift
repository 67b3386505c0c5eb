import Foundation
import Testing

/// `OPAL_DEBUG_PHASES=1` (a hidden aid for BENCHMARKS.md) marks each stage of a plan on stderr
/// with its time and memory read from `/proc/self/status`; without it nothing is printed, and
/// either way stdout carries only the plan.
@Suite struct PhaseProbeTests {
  @Test func eachPlanStageIsMarkedWithItsTimeAndMemoryOnStderrOnly() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write("version: 1\naliases:\n  a:\n    models: [openai/gpt-4o]\n")
      var probed = emu.harness
      probed.environment["OPAL_DEBUG_PHASES"] = "1"
      let marked = await probed.run(["plan", "-f", path, "--no-color"])
      #expect(marked.exitCode == 0, "\(marked.stderr)")
      let lines = marked.stderr.split(separator: "\n").filter { $0.hasPrefix("opal phase ") }
      for phase in ["load", "remote read", "plan", "render"] {
        let line = lines.first { $0.hasPrefix("opal phase \(phase): ") }
        #expect(line != nil, "no mark for \(phase) in \(marked.stderr)")
        // Memory figures as /proc writes them, not "?" (the file was read).
        #expect(line?.contains(/t=\d+ ms rss=\d+ kB hwm=\d+ kB$/) == true, "\(line ?? "")")
      }
      #expect(!marked.stdout.contains("opal phase"))

      let plain = await emu.run(["plan", "-f", path, "--no-color"])
      #expect(plain.exitCode == 0)
      #expect(!plain.stderr.contains("opal phase"))
      #expect(plain.stdout == marked.stdout)
    }
  }
}
