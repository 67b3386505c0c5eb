import Foundation
import OpalCore
import OpperAPI
import Synchronization
import Testing

/// `opal emulator --state` killed with SIGKILL at random points while creates are in flight:
/// after a restart every create it answered is there, nothing else but the creates in flight,
/// and the file loads. The built binary runs as a real process and is talked to over sockets.
@Suite(.serialized) struct EmulatorStateCrashTests {
  static let key = "crash-test-key"

  /// Names asked for and names answered, shared with the writer tasks.
  final class Tally: Sendable {
    private let names = Mutex((asked: [String](), answered: [String]()))
    func ask(_ name: String) { names.withLock { $0.asked.append(name) } }
    func answer(_ name: String) { names.withLock { $0.answered.append(name) } }
    var asked: [String] { names.withLock { $0.asked } }
    var answered: [String] { names.withLock { $0.answered } }
  }

  /// Starts the emulator on `state` and waits (bounded) for the port it prints.
  private func start(state: String, directory: URL) async throws -> (OpalProcess, String) {
    let process = try OpalProcess(
      ["emulator", "--port", "0", "--api-key", Self.key, "--state", state], environment: [:],
      directory: directory)
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      if let line = process.stdoutSoFar.split(separator: "\n").first(where: { $0.contains("listening on ") }),
        let url = line.split(separator: " ").last
      {
        return (process, String(url))
      }
      guard process.isRunning else {
        let result = try await process.wait()
        throw OpalProcess.Failure(description: "the emulator exited \(result.exitCode): \(result.all)")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    process.signal(SIGKILL)
    _ = try? await process.wait()
    throw OpalProcess.Failure(description: "the emulator did not say where it listens within 60 s")
  }

  private func client(_ baseURL: String) -> OpperClient {
    OpperClient(
      configuration: OpperClientConfiguration(
        baseURL: baseURL, apiKey: Self.key, timeout: .seconds(10), retry: .none))
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func everyAnsweredCreateSurvivesAKillAtARandomPoint(seed: UInt64) async throws {
    var random = SeededRandom(seed: seed)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opal-crash-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let state = directory.appendingPathComponent("state.jsonl").path
    var acknowledged: Set<String> = []
    var attempted: Set<String> = []

    for round in 0..<3 {
      let (emulator, baseURL) = try await start(state: state, directory: directory)
      let api = client(baseURL)
      // The emulator restarted on the file: everything answered before is there.
      let before = Set(try await api.listAliases().map(\.name))
      #expect(
        acknowledged.isSubset(of: before),
        "seed \(seed) round \(round): lost \(acknowledged.subtracting(before).sorted())")
      #expect(
        before.isSubset(of: attempted),
        "seed \(seed) round \(round): \(before.subtracting(attempted).sorted()) never asked for")
      acknowledged = before

      // Four writers create until the kill; the kill comes after a random number of answers.
      let tally = Tally()
      let killAfter = Int.random(in: 5...60, using: &random)
      let extraWait = Int.random(in: 0...3_000, using: &random)
      let writers = Task {
        await withTaskGroup(of: Void.self) { group in
          for writer in 0..<4 {
            group.addTask {
              for i in 0..<10_000 {
                let name = "s\(seed)/r\(round)/w\(writer)/\(i)"
                tally.ask(name)
                do {
                  _ = try await api.createAlias(AliasCreate(name: name, fallbackModels: ["openai/gpt-4o"]))
                } catch {
                  return
                }
                tally.answer(name)
              }
            }
          }
        }
      }
      let deadline = Date().addingTimeInterval(60)
      while tally.answered.count < killAfter, Date() < deadline {
        try await Task.sleep(for: .milliseconds(1))
      }
      try await Task.sleep(for: .microseconds(extraWait))
      emulator.signal(SIGKILL)
      _ = try await emulator.wait(seconds: 30)
      await writers.value
      await api.shutdown()
      acknowledged.formUnion(tally.answered)
      attempted.formUnion(tally.asked)
      attempted.formUnion(before)
      #expect(tally.answered.count >= killAfter, "seed \(seed) round \(round)")
    }

    let (emulator, baseURL) = try await start(state: state, directory: directory)
    let api = client(baseURL)
    let after = Set(try await api.listAliases().map(\.name))
    await api.shutdown()
    emulator.signal(SIGTERM)
    _ = try await emulator.wait(seconds: 30)
    #expect(
      acknowledged.isSubset(of: after), "seed \(seed): lost \(acknowledged.subtracting(after).sorted())")
    #expect(after.isSubset(of: attempted), "seed \(seed)")
  }

  @Test func aTornTailLoadsTheCompleteRecordsWithAWarningAndAHostileFileIsOneError() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("opal-torn-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let state = directory.appendingPathComponent("state.jsonl").path
    let snapshot =
      #"{"aliases":[{"fallback_models":["openai/gpt-4o"],"id":"a1","name":"kept"}],"custom_models":[],"version":1}"#
    let change =
      #"{"kind":"aliases","put":{"fallback_models":["openai/gpt-4o"],"id":"a2","name":"also-kept"}}"#
    let torn = #"{"kind":"aliases","put":{"fallback_models":["openai/gp"#
    try "\(snapshot)\n\(change)\n\(torn)".write(toFile: state, atomically: true, encoding: .utf8)

    let (emulator, baseURL) = try await start(state: state, directory: directory)
    let api = client(baseURL)
    let names = try await api.listAliases().map(\.name)
    await api.shutdown()
    emulator.signal(SIGTERM)
    let result = try await emulator.wait(seconds: 30)
    #expect(names == ["kept", "also-kept"])
    #expect(result.stderr.contains("warning: \(state): the last change"), "\(result.stderr)")

    for hostile in [
      Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }),
      Data(#"{"aliases":[{"id":""#.utf8) + Data(repeating: UInt8(ascii: "a"), count: 4 << 20),
    ] {
      try hostile.write(to: URL(fileURLWithPath: state))
      let refused = try await OpalProcess.run(
        ["emulator", "--port", "0", "--api-key", Self.key, "--state", state], environment: [:],
        directory: directory)
      #expect(refused.exitCode == 1, "\(refused.all)")
      #expect(
        refused.stderr.contains("error: cannot start the emulator: \(state): not an emulator state file"),
        "\(refused.stderr.prefix(400))")
      #expect(
        !refused.stderr.contains("Fatal error") && refused.stderr.count < 2_000,
        "\(refused.stderr.prefix(400))")
    }
  }
}
