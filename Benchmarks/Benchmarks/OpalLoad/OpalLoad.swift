import Benchmark
import Foundation
import OpalConfig
import OpalYAML

/// In-process figures of the load path (no process start-up, no file read): the YAML tree alone,
/// and the whole load + validate, on configs from `scripts/gen-config.py`.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .milliseconds,
    warmupIterations: 1,
    maxDuration: .seconds(5),
    maxIterations: 30
  )

  for count in [1_000, 10_000] {
    let text = GeneratedConfig.text(aliases: count)
    let bytes = Array(text.utf8)

    Benchmark("YAMLLoader.load \(count) aliases") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(YAMLLoader.load(bytes: bytes, file: "bench.yaml"))
      }
    }

    Benchmark("ConfigLoader.load \(count) aliases (load + validate)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(ConfigLoader().load(text: text, file: "bench.yaml"))
      }
    }
  }
}

/// The text of `scripts/gen-config.py N`, run once per size.
enum GeneratedConfig {
  static func text(aliases: Int) -> String {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", root.appendingPathComponent("scripts/gen-config.py").path, "\(aliases)"]
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
      try process.run()
    } catch {
      print("cannot run scripts/gen-config.py: \(error)")
      return ""
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
