import Foundation
import OpalCore

/// A hidden measuring aid for the plan's stages: with `OPAL_DEBUG_PHASES=1` in the environment,
/// each `mark` writes one line to stderr with the time since the probe was made, the process's
/// resident and peak memory (`VmRSS`, `VmHWM` from `/proc/self/status`). Without the variable it does nothing. Not a documented option:
/// it is for BENCHMARKS.md's phase tables.
struct PhaseProbe {
  private let enabled: Bool
  private let context: CommandContext
  private let start = ContinuousClock.now

  init(_ context: CommandContext) {
    self.context = context
    enabled = context.environment["OPAL_DEBUG_PHASES"] == "1"
  }

  /// One line for the phase that just ended.
  func mark(_ phase: String) {
    guard enabled else { return }
    let elapsed = (ContinuousClock.now - start).wholeMilliseconds
    let status = Self.status()
    let rss = status["VmRSS"] ?? "?"
    let peak = status["VmHWM"] ?? "?"
    context.err("opal phase \(phase): t=\(elapsed) ms rss=\(rss) hwm=\(peak)")
  }

  /// `VmRSS` and `VmHWM` of `/proc/self/status`, as written there ("123456 kB").
  private static func status() -> [String: String] {
    // /proc reports a size of 0, so the bounded reader's limit is what bounds it.
    guard let data = try? RegularFile.read("/proc/self/status", limit: 1 << 16) else { return [:] }
    let text = String(decoding: data, as: UTF8.self)
    var found: [String: String] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS") || line.hasPrefix("VmHWM") {
      let parts = line.split(separator: ":", maxSplits: 1)
      if parts.count == 2 {
        found[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces)
      }
    }
    return found
  }
}
