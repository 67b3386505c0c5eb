import Foundation
import OpalCore
import OpperAPI
import Testing

@testable import OpperEmulator

/// The `--state` journal: changes appended one JSON line each, replayed on start, compacted
/// to one snapshot line; a torn last line is ignored, never fatal.
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

    let reopened = StateFile(path: path)
    let loaded = try reopened.open()
    #expect(loaded.aliases.all == [kept])
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

  @Test func theJournalIsCompactedEveryNChanges() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("state.json").path
    let file = StateFile(path: path, compactEvery: 3)
    var contents = try file.open()
    for i in 0..<5 {
      let alias = Alias(id: "id\(i)", name: "n\(i)", fallbackModels: ["m"])
      contents.aliases.put(alias)
      try file.record(StateChange.saved(alias), contents: contents)
    }
    // Three changes compacted into the snapshot, then two appended.
    #expect(try lines(path).count == 1 + 2)
    #expect(try StateFile(path: path).open().aliases.all.map(\.name) == ["n0", "n1", "n2", "n3", "n4"])
  }
}
