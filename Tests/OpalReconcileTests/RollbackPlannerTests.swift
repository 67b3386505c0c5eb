import Foundation
import OpalConfig
import OpalCore
import OpperAPI
import Testing

@testable import OpalReconcile

/// The snapshot of a plan and the plan back to it (SPEC §15), on plain values.
@Suite struct RollbackPlannerTests {
  static let before = [
    Alias(id: "1", name: "old", fallbackModels: ["m/a"], description: "was old"),
    Alias(id: "2", name: "upd", fallbackModels: ["m/a", "m/b"]),
    Alias(id: "3", name: "gone", fallbackModels: ["m/c"]),
    Alias(id: "9", name: "elsewhere", fallbackModels: ["m/z"]),
  ]

  /// What the apply does: rename old → new, update upd, delete gone, create fresh.
  static var plan: Plan {
    let desired = DesiredState(
      scope: Scope(include: try? GlobSet(patterns: ["old", "new", "upd", "gone", "fresh"])), prune: true,
      aliases: [
        AliasSpec(name: "new", description: "was old", models: ["m/a"], renamedFrom: ["old"]),
        AliasSpec(name: "upd", models: ["m/b"]),
        AliasSpec(name: "fresh", models: ["m/f"]),
      ])
    return Planner().plan(desired: desired, remote: before)
  }

  /// The remote after the plan was applied in full.
  static let after = [
    Alias(id: "1", name: "new", fallbackModels: ["m/a"], description: "was old"),
    Alias(id: "2", name: "upd", fallbackModels: ["m/b"]),
    Alias(id: "4", name: "fresh", fallbackModels: ["m/f"]),
    Alias(id: "9", name: "elsewhere", fallbackModels: ["m/z"]),
  ]

  static func snapshot() -> Snapshot {
    Snapshot(plan: plan, host: "https://user:pw@api.example.com:8443/v2?x=1", opalVersion: "9.9")
  }

  @Test func theSnapshotRecordsEachBeforeStateAndOnlyTheHost() throws {
    let snapshot = Self.snapshot()
    #expect(snapshot.host == "api.example.com:8443")
    #expect(snapshot.aliases.map(\.name) == ["fresh", "gone", "new", "old", "upd"])
    let old = try #require(snapshot.aliases.first { $0.name == "old" })
    #expect(old.before == AliasContent(description: "was old", models: ["m/a"]))
    #expect(old.after == nil && old.renamedTo == "new")
    #expect(snapshot.aliases.first { $0.name == "fresh" }?.before == nil)
    let text = String(decoding: SnapshotFile.encode(snapshot), as: UTF8.self)
    #expect(!text.contains("pw") && !text.contains("user"))
    #expect(try SnapshotFile.decode(Data(text.utf8)) == snapshot)
  }

  @Test func theWayBackRenamesBackRestoresRecreatesAndDeletesOnlyTheSnapshotsAliases() {
    let rollback = RollbackPlanner().plan(
      Self.snapshot(), aliases: Self.after, routes: nil, options: PlanOptions())
    let changes = rollback.plan.changes.map { "\($0.action.rawValue) \($0.displayName)" }
    #expect(changes == ["delete fresh", "create gone", "rename new → old", "update upd"])
    #expect(rollback.plan.refusal == nil)
    #expect(rollback.plan.changes.first { $0.action == .rename }?.id == "1")  // renamed back: same id
    #expect(!rollback.plan.changes.contains { $0.name == "elsewhere" })
    // Applied, the remote is back as it was: a second plan has nothing to do.
    let back = RollbackPlanner().plan(
      Self.snapshot(), aliases: Self.before, routes: nil, options: PlanOptions())
    #expect(back.plan.changes.isEmpty && !back.hasChanges)
  }

  @Test func anAliasChangedBySomeoneElseSinceIsRefusedUnlessForced() {
    var moved = Self.after
    moved[1].fallbackModels = ["m/other"]
    let refused = RollbackPlanner().plan(Self.snapshot(), aliases: moved, routes: nil, options: PlanOptions())
    #expect(refused.plan.refusal?.rule == .changedSinceSnapshot)
    #expect(refused.plan.refusal?.reason.contains("upd") == true)
    let forced = RollbackPlanner().plan(
      Self.snapshot(), aliases: moved, routes: nil, options: PlanOptions(force: true))
    #expect(forced.plan.refusal == nil)
    #expect(forced.plan.notes.contains { $0.contains("upd") })
  }

  @Test func aProtectedNameIsNeverDeletedAndTooManyDeletesAreRefused() {
    var snapshot = Self.snapshot()
    snapshot.protect = ["fr*"]
    let kept = RollbackPlanner().plan(snapshot, aliases: Self.after, routes: nil, options: PlanOptions())
    #expect(!kept.plan.changes.contains { $0.action == .delete })
    let many = (0..<5).map { Alias(id: "n\($0)", name: "n\($0)", fallbackModels: ["m/a"]) }
    let creates = Snapshot(
      opalVersion: "x", createdAt: "t", host: "h", planFingerprint: "f",
      aliases: many.map { SnapshotAlias(name: $0.name, before: nil, after: AliasContent($0)) })
    let refused = RollbackPlanner().plan(creates, aliases: many, routes: nil, options: PlanOptions())
    #expect(refused.plan.refusal?.rule == .tooManyDeletes)
    let forced = RollbackPlanner().plan(
      creates, aliases: many, routes: nil, options: PlanOptions(force: true))
    #expect(forced.plan.changes.count == 5 && forced.plan.refusal == nil)
  }

  @Test func routesGoBackWithTheServersRollbackAndCustomModelsAreLeftAloneAndSaidSo() {
    let live = RemoteRoute(
      name: "r", uuid: "u1", draftRevision: 3, activeVersionNumber: 4, draftDirty: false,
      activeGraph: .object(["v": .integer(4)]))
    let recreated = RemoteRoute(
      name: "s", uuid: "other", draftRevision: 1, activeVersionNumber: 1, draftDirty: false)
    var snapshot = Snapshot(
      opalVersion: "x", createdAt: "t", host: "h", planFingerprint: "f", aliases: [],
      routes: [
        SnapshotRoute(
          name: "r",
          before: .init(
            RemoteRoute(
              name: "r", uuid: "u1", draftRevision: 2, activeVersionNumber: 2, draftDirty: false,
              activeGraph: .object(["v": .integer(2)])))),
        SnapshotRoute(
          name: "s",
          before: .init(
            RemoteRoute(name: "s", uuid: "u2", draftRevision: 1, activeVersionNumber: 1, draftDirty: false))),
        SnapshotRoute(name: "t", before: nil),
      ])
    snapshot.customModels = [SnapshotCustomModel(name: "cm", before: nil, after: .init(identifier: "x/y"))]
    let tNow = RemoteRoute(name: "t", uuid: "u3", draftRevision: 1, activeVersionNumber: 1, draftDirty: false)
    let rollback = RollbackPlanner().plan(
      snapshot, aliases: [], routes: [live, recreated, tNow], options: PlanOptions())
    #expect(
      rollback.routeRestores == [
        RouteRestore(name: "r", step: .rollback(toVersion: 2)), RouteRestore(name: "t", step: .delete),
      ])
    #expect(rollback.leftAlone.contains { $0.hasPrefix("route s ") })
    #expect(rollback.leftAlone.contains { $0.contains("1 custom model") })
    #expect(rollback.plan.routes?.changes.map(\.action) == [.update, .delete])
  }

  @Test func customModelsArePlannedBackWithTheDeleteLimitProtectAndKeysByReference() {
    let old = CustomModelContent(identifier: "p/old", extra: ["r": .string("eu")])
    var snapshot = Snapshot(
      opalVersion: "x", createdAt: "t", host: "h", planFingerprint: "f", protect: ["cm/kept"], aliases: [])
    snapshot.customModels = [
      SnapshotCustomModel(name: "cm/made", before: nil, after: CustomModelContent(identifier: "p/made")),
      SnapshotCustomModel(name: "cm/kept", before: nil, after: CustomModelContent(identifier: "p/kept")),
      SnapshotCustomModel(name: "cm/gone", id: "7", before: old, after: nil),
      SnapshotCustomModel(name: "cm/keyed", id: "8", before: old, after: nil),
      SnapshotCustomModel(
        name: "cm/changed", id: "5", before: old, after: CustomModelContent(identifier: "p/new")),
    ]
    let remote = [
      CustomModel(id: "1", name: "cm/made", identifier: "p/made"),
      CustomModel(id: "2", name: "cm/kept", identifier: "p/kept"),
      CustomModel(id: "5", name: "cm/changed", identifier: "p/new"),
      CustomModel(id: "6", name: "unrelated", identifier: "p/x"),
    ]
    let spec = CustomModelSpec(name: "cm/keyed", identifier: "p/old", apiKey: .env("K"))
    let keys = RollbackKeys(sources: ["cm/keyed": spec], values: ["cm/keyed": SecretValue("secret")])
    let rollback = RollbackPlanner().plan(
      snapshot, aliases: [], routes: nil, customModels: remote, keys: keys, options: PlanOptions())
    let changes = rollback.plan.customModels?.changes ?? []
    #expect(
      changes.map { "\($0.action.rawValue) \($0.name)" } == [
        "update cm/changed", "create cm/gone", "create cm/keyed", "delete cm/made",
      ])
    #expect(changes[0].id == "5" && changes[0].after == old)
    #expect(changes[1].key == nil && changes[1].notes.contains { $0.contains("--rotate-keys cm/gone") })
    #expect(changes[2].key == .env("K"))
    #expect(changes[3].id == "1")
    #expect(rollback.plan.customModels?.notes.contains { $0.hasPrefix("custom model cm/kept ") } == true)
    #expect(rollback.plan.refusal == nil)
    #expect(rollback.hasChanges && rollback.changeCount == 4)

    let strict = RollbackPlanner().plan(
      snapshot, aliases: [], routes: nil, customModels: remote, options: PlanOptions(maxDelete: 0))
    #expect(strict.plan.refusal?.rule == .tooManyDeletes)
    var moved = remote
    moved[2].identifier = "someone/else"
    let stale = RollbackPlanner().plan(
      snapshot, aliases: [], routes: nil, customModels: moved, options: PlanOptions())
    #expect(stale.plan.refusal?.rule == .changedSinceSnapshot)
    #expect(stale.plan.refusal?.reason.contains("custom model cm/changed") == true)
  }
}
