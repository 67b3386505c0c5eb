import Foundation
import OpalCore
import OpperAPI
import Synchronization
import Testing

@testable import OpperEmulator

/// The `--state` journal: changes appended one JSON line each, replayed on start, compacted
/// to one snapshot line; a torn last line is dropped with a warning, never fatal; damage and
/// hostile files are one clear error.
@Suite struct StateJournalTests {
  private func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-journal-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  private func lines(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
  }

  @Test func changesAreAppendedAndReplayedAfterARestart() async throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("state.json").path
    let config = EmulatorConfiguration(apiKey: EmulatorHarness.key, statePath: path)

    let expected = try await EmulatorHarness.with(config) { h in
      let custom = try await h.send(.post, "/v2/models/custom", json: ["name": "mine", "identifier": "x/y"])
      #expect(custom.status == 200)
      let first = try await h.createAlias("team/one", ["mine"])
      let second = try await h.createAlias("two", ["openai/gpt-4o"])
      let gone = try await h.createAlias("gone", ["openai/gpt-4o"])
      #expect(try await h.send(.delete, "/v2/models/aliases/\(gone.id)").status == 204)
      let renamed = try await h.send(
        .patch, "/v2/models/aliases/\(first.id)", json: ["name": "team/uno", "description": "d"])
      #expect(renamed.status == 200)
      // One snapshot line and one line per change, nothing rewritten.
      #expect(try lines(path).count == 1 + 6)
      return [try renamed.decode(Alias.self), second]
    }

    try await EmulatorHarness.with(config) { h in
      let page = try await h.send(.get, "/v2/models/aliases").decode(Page<Alias>.self)
      #expect(page.data == expected)
      #expect(try await h.send(.get, "/v2/models/custom/by-name/mine").status == 200)
      #expect(try lines(path).count == 1)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["state.json"])
  }

  @Test func aTornLastLineIsIgnoredAndCompactedAway() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("state.json").path
    let file = StateFile(path: path)
    var contents = try file.open()
    let kept = Alias(id: "a1", name: "kept", fallbackModels: ["openai/gpt-4o"])
    contents.aliases.put(kept)
    try file.record(StateChange.saved(kept), contents: contents)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(#"{"kind":"aliases","put":{"id":"a2","name":"tor"#.utf8))
    try handle.close()

    let warnings = Mutex<[String]>([])
    let reopened = StateFile(path: path, warn: { message in warnings.withLock { $0.append(message) } })
    let loaded = try reopened.open()
    #expect(loaded.aliases.all == [kept])
    let said = warnings.withLock { $0 }
    #expect(said.count == 1)
    #expect(said.first?.contains("no end of line") == true, "\(said)")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(!text.contains("tor"))
    #expect(try lines(path).count == 1)
  }

  @Test func damageBeforeTheLastLineIsAnError() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("state.json").path
    let snapshot = #"{"aliases":[],"custom_models":[],"version":1}"#
    let put = #"{"kind":"aliases","put":{"id":"a","name":"a","fallback_models":["m"]}}"#
    try "\(snapshot)\nnot json\n\(put)\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: EmulatorFileError.self) { _ = try StateFile(path: path).open() }
    try "\(snapshot)\n\(put)\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try StateFile(path: path).open().aliases.all.map(\.name) == ["a"])
  }

  @Test func aCompleteLastLineThatDoesNotDecodeIsDamageNotATornWrite() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("state.json").path
    let snapshot = #"{"aliases":[],"custom_models":[],"version":1}"#
    try "\(snapshot)\n{\"kind\":\"aliases\",\"put\":7}\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: EmulatorFileError.self) { _ = try StateFile(path: path).open() }
  }

  @Test(arguments: [
    ("garbage", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })),
    (
      "a huge record", Data(#"{"aliases":[{"id":""#.utf8) + Data(repeating: UInt8(ascii: "x"), count: 8 << 20)
    ),
    ("deep nesting", Data((String(repeating: "[", count: 100_000) + "\n").utf8)),
    ("not the snapshot's shape", Data(#"{"aliases":"no","custom_models":[],"version":1}"#.utf8 + [10])),
  ])
  func aHostileStateFileIsOneClearError(name: String, bytes: Data) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("state.json").path
    try bytes.write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: EmulatorFileError.self, "\(name)") { _ = try StateFile(path: path).open() }
    #expect(error?.path == path, "\(name)")
    // Refused, so nothing was compacted over it.
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(name)")
  }

  @Test func aStateFileLargerThanTheLimitOrNotARegularFileIsRefusedBeforeReading() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("state.json").path
    try Data(repeating: 32, count: 4096).write(to: URL(fileURLWithPath: path))
    let tooLarge = #expect(throws: EmulatorFileError.self) {
      _ = try StateFileLoader.load(path: path, maxBytes: 1024)
    }
    #expect(tooLarge?.message.contains("more than the 1024") == true, "\(String(describing: tooLarge))")
    let fifo = dir.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let notRegular = #expect(throws: EmulatorFileError.self) { _ = try StateFile(path: fifo).open() }
    #expect(notRegular?.message.contains("not a regular file") == true, "\(String(describing: notRegular))")
    let directory = #expect(throws: EmulatorFileError.self) { _ = try StateFile(path: dir.path).open() }
    #expect(directory?.message.contains("not a regular file") == true)
  }

  @Test func theJournalIsCompactedOnceItOutgrowsTheSnapshotAndTheFloor() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("state.json").path
    let file = StateFile(path: path, compactionFloor: 200)
    var contents = try file.open()
    for i in 0..<5 {
      let alias = Alias(id: "id\(i)", name: "n\(i)", fallbackModels: ["m"])
      contents.aliases.put(alias)
      try file.record(StateChange.saved(alias), contents: contents)
    }
    // Three lines (~270 bytes) outgrow the floor: the fourth change compacts all four into
    // the snapshot, the fifth is appended.
    #expect(try lines(path).count == 1 + 1)
    #expect(try StateFile(path: path).open().aliases.all.map(\.name) == ["n0", "n1", "n2", "n3", "n4"])
  }
}
