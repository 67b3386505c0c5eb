import Foundation
import OpalCore
import OpperAPI
import Testing

@testable import OpalReconcile

/// The snapshot file is written by `SnapshotDocumentWriter` in one pass; it must be byte for byte
/// what `JSONEncoder` makes of `Snapshot.encode(to:)` (`PrettyJSON.data`), which stays the
/// reference, for every kind of alias entry, every optional part and strings that need escaping,
/// and it must read back as the snapshot it was written from.
@Suite struct SnapshotDocumentWriterTests {
  static func check(_ snapshot: Snapshot, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let written = SnapshotFile.encode(snapshot)
    let expected = Array(PrettyJSON.data(snapshot)) + [0x0A]
    // Compared as text, so a failure shows the two documents (both are valid UTF-8).
    #expect(
      String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
      sourceLocation: sourceLocation)
    #expect(written.count == expected.count, sourceLocation: sourceLocation)
    #expect(try SnapshotFile.decode(Data(written)) == snapshot, sourceLocation: sourceLocation)
  }

  @Test func aSnapshotOfEveryKindOfChangeMatchesTheEncoder() throws {
    let awkward = PlanDocumentWriterTests.awkward
    var aliases: [SnapshotAlias] = []
    for (i, text) in awkward.enumerated() {
      let content = AliasContent(description: text, models: ["m/\(text)", "openai/gpt-4o"])
      aliases.append(SnapshotAlias(name: "new-\(text)", before: nil, after: content))
      aliases.append(
        SnapshotAlias(
          name: "upd-\(i)", id: "id-\(text)", before: content,
          after: AliasContent(description: nil, models: [])))
      aliases.append(SnapshotAlias(name: "del-\(i)", id: "d\(i)", before: content, after: nil))
      aliases.append(
        SnapshotAlias(
          name: "old-\(i)", id: "r\(i)", before: content, after: nil, renamedTo: "renamed-\(text)"))
    }
    let route = RemoteRoute(
      name: "support", uuid: "u1", description: "rtl\u{202E}x", draftRevision: 3, activeVersionNumber: 4,
      draftDirty: false,
      activeGraph: .object(["nodes": .array([.object(["id": .string("a/b"), "w": .number(0.25)])])]))
    var snapshot = Snapshot(
      opalVersion: "1.2.3", createdAt: "2026-12-04T19:30:00Z", host: "127.0.0.1:8080",
      planFingerprint: "3f2a9c41d0be", protect: ["prod/*", "zw\u{200B}j"], aliases: aliases,
      routes: [
        SnapshotRoute(name: "support", before: .init(route)), SnapshotRoute(name: "gone", before: nil),
      ])
    try Self.check(snapshot)
    snapshot.customModels = [
      SnapshotCustomModel(
        name: "cm", before: nil, after: .init(identifier: "x/y", extra: ["k": .bool(true)])),
      SnapshotCustomModel(name: "old", id: "c1", before: .init(identifier: "a/b"), after: nil),
    ]
    try Self.check(snapshot)
    snapshot.customModels = []
    try Self.check(snapshot)
  }

  @Test func anEmptySnapshotMatchesTheEncoder() throws {
    try Self.check(Snapshot(opalVersion: "x", createdAt: "t", host: "h", planFingerprint: "", aliases: []))
  }

  @Test func aSnapshotTakenFromAPlanMatchesTheEncoder() throws {
    let (desired, remote) = Fixtures.showcase
    let plan = Planner().plan(desired: desired, remote: remote)
    let snapshot = Snapshot(plan: plan, host: "https://api.example.com/v2", opalVersion: "9.9")
    #expect(!snapshot.aliases.isEmpty)
    try Self.check(snapshot)
  }
}
