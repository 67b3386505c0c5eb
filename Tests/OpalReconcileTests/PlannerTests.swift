import OpalConfig
import OpperAPI
import Testing

@testable import OpalReconcile

@Suite struct PlannerTests {
  let planner = Planner()

  @Test func createUpdateNoopAndDeleteSortedByName() {
    let desired = Fixtures.state(
      [Fixtures.spec("b", ["m1"]), Fixtures.spec("a", ["m1"]), Fixtures.spec("c", ["m2"])], prune: true,
      include: ["*"])
    let remote = [
      Fixtures.alias("1", "c", ["m1"]), Fixtures.alias("2", "b", ["m1"]), Fixtures.alias("3", "z", ["m1"]),
    ]
    let plan = planner.plan(desired: desired, remote: remote, options: PlanOptions())
    #expect(plan.changes.map(\.action) == [.create, .update, .delete])
    #expect(plan.changes.map(\.name) == ["a", "c", "z"])
    #expect(plan.unchanged == ["b"])
    #expect(plan.changes[1].id == "1")
    #expect(plan.counts.summarySentence == "Plan: 1 to create, 1 to update, 0 to rename, 1 to delete.")
  }

  @Test func noDeleteWithoutPrune() {
    let desired = Fixtures.state([Fixtures.spec("a", ["m1"])], include: ["*"])
    let plan = planner.plan(
      desired: desired, remote: [Fixtures.alias("1", "z", ["m1"]), Fixtures.alias("2", "a", ["m1"])])
    #expect(plan.changes.isEmpty)
    #expect(plan.remoteSnapshot.count == 2)
    #expect(plan.counts.summarySentence == "No changes. The remote matches the configuration.")
  }

  @Test func emptyDescriptionEqualsNone() {
    let desired = Fixtures.state([Fixtures.spec("a", ["m1"], description: "")])
    let plan = planner.plan(desired: desired, remote: [Fixtures.alias("1", "a", ["m1"], description: nil)])
    #expect(plan.changes.isEmpty)
    let plan2 = planner.plan(
      desired: Fixtures.state([Fixtures.spec("a", ["m1"])]),
      remote: [Fixtures.alias("1", "a", ["m1"], description: "")])
    #expect(plan2.changes.isEmpty)
  }

  @Test func descriptionOnlyUpdateSendsOnlyDescription() throws {
    let desired = Fixtures.state([Fixtures.spec("a", ["m1"])])
    let plan = planner.plan(desired: desired, remote: [Fixtures.alias("1", "a", ["m1"], description: "old")])
    let change = try #require(plan.changes.first)
    #expect(change.action == .update && change.descriptionChanged && !change.chainChanged)
    #expect(change.updateBody == AliasUpdate(description: .some(nil)))
  }

  @Test func chainDiffAppendRemoveAndMove() {
    let append = ChainDiff.diff(old: ["a", "b"], new: ["a", "b", "c"])
    #expect(append.map(\.mark) == [.kept, .kept, .added])
    let remove = ChainDiff.diff(old: ["a", "b", "c"], new: ["a", "c"])
    #expect(remove.map(\.model) == ["a", "b", "c"])
    #expect(remove.map(\.mark) == [.kept, .removed, .kept])
    let reorder = ChainDiff.diff(old: ["a", "b", "c"], new: ["c", "a", "b"])
    #expect(reorder.map(\.mark) == [.moved, .kept, .kept])
    #expect(reorder[0].oldIndex == 2 && reorder[0].newIndex == 0)
    let swap = ChainDiff.diff(old: ["a", "b"], new: ["b", "a"])
    #expect(swap.count == 2 && swap.filter { $0.mark == .moved }.count == 1)
    #expect(!swap.contains { $0.mark == .added || $0.mark == .removed })
    let mixed = ChainDiff.diff(old: ["x", "a", "b"], new: ["b", "a", "y"])
    #expect(Set(mixed.map(\.model)) == ["x", "a", "b", "y"])
    #expect(mixed.first { $0.model == "x" }?.mark == .removed)
    #expect(mixed.first { $0.model == "y" }?.mark == .added)
  }

  @Test func renameFromOldName() throws {
    let desired = Fixtures.state([Fixtures.spec("new", ["m2"], renamedFrom: ["old"])], prune: true)
    let plan = planner.plan(desired: desired, remote: [Fixtures.alias("7", "old", ["m1"])])
    let change = try #require(plan.changes.first)
    #expect(plan.changes.count == 1)
    #expect(change.action == .rename && change.id == "7" && change.oldName == "old" && change.name == "new")
    #expect(change.updateBody == AliasUpdate(name: "new", fallbackModels: ["m2"]))
  }

  @Test func renameWhenBothNamesExistUpdatesNewAndLeavesOldToPrune() {
    let specs = [Fixtures.spec("new", ["m2"], renamedFrom: ["old"])]
    let remote = [Fixtures.alias("1", "new", ["m1"]), Fixtures.alias("2", "old", ["m1"])]
    let kept = planner.plan(desired: Fixtures.state(specs), remote: remote)
    #expect(kept.changes.map(\.action) == [.update])
    #expect(kept.changes[0].notes.contains { $0.contains("left to the prune rules") })
    let pruned = planner.plan(desired: Fixtures.state(specs, prune: true), remote: remote)
    #expect(pruned.changes.map(\.action) == [.update, .delete])
    #expect(pruned.changes[1].name == "old")
  }

  @Test func renameFreesTheOldNameForANewAlias() {
    let desired = Fixtures.state([
      Fixtures.spec("new", ["m1"], renamedFrom: ["old"]), Fixtures.spec("old", ["m3"]),
    ])
    let plan = planner.plan(desired: desired, remote: [Fixtures.alias("1", "old", ["m1"])])
    #expect(Set(plan.changes.map(\.action)) == [.rename, .create])
    #expect(plan.changes.first { $0.action == .create }?.name == "old")
  }

  @Test func scopeExcludeAndProtectAreNeverTouched() {
    let desired = Fixtures.state(
      [Fixtures.spec("team-a/x", ["m1"])], prune: true, include: ["team-a/*"], exclude: ["team-a/scratch-*"],
      protect: ["team-a/prod-*"])
    let remote = [
      Fixtures.alias("1", "team-a/gone", ["m1"]), Fixtures.alias("2", "team-a/scratch-1", ["m1"]),
      Fixtures.alias("3", "team-a/prod-1", ["m1"]), Fixtures.alias("4", "team-b/y", ["m1"]),
    ]
    let plan = planner.plan(desired: desired, remote: remote, options: PlanOptions(maxDelete: 10))
    #expect(plan.changes(.delete).map(\.name) == ["team-a/gone"])
    #expect(plan.notes.contains { $0.contains("team-a/prod-1") })
    #expect(plan.remoteSnapshot.map(\.name) == ["team-a/gone", "team-a/prod-1"])
  }

  @Test func defaultScopeOwnsOnlyDeclaredAndOldNames() {
    let desired = Fixtures.state([Fixtures.spec("a", ["m1"])], prune: true)
    let plan = planner.plan(
      desired: desired, remote: [Fixtures.alias("1", "a", ["m1"]), Fixtures.alias("2", "b", ["m1"])])
    #expect(plan.changes.isEmpty)
  }

  @Test func deleteThresholdDefaultFloorAndForce() {
    let remote = (0..<40).map { Fixtures.alias("\($0)", "x\($0)", ["m1"]) }
    let keep = (0..<36).map { Fixtures.spec("x\($0)", ["m1"]) }
    let desired = Fixtures.state(keep, prune: true, include: ["x*"])
    let four = planner.plan(desired: desired, remote: remote)  // 4 deletes, limit max(3, 40/10) = 4
    #expect(four.refusal == nil && four.deleteLimit == 4)
    let five = planner.plan(
      desired: Fixtures.state(Array(keep.prefix(35)), prune: true, include: ["x*"]), remote: remote)
    #expect(five.refusal?.rule == .tooManyDeletes)
    #expect(five.refusal?.hint.contains("--force") == true)
    let small = planner.plan(
      desired: Fixtures.state([Fixtures.spec("x0", ["m1"])], prune: true, include: ["x*"]),
      remote: Array(remote.prefix(4)))
    #expect(small.refusal == nil)  // 3 deletes, floor 3
    let limited = planner.plan(desired: desired, remote: remote, options: PlanOptions(maxDelete: 3))
    #expect(limited.refusal?.reason.contains("--max-delete 3") == true)
    let forced = planner.plan(
      desired: desired, remote: remote, options: PlanOptions(maxDelete: 0, force: true))
    #expect(forced.refusal == nil && forced.counts.delete == 4)
  }

  @Test func pruneWithNoAliasesNeedsAllowEmpty() {
    let desired = Fixtures.state([], prune: true, include: ["*"])
    let remote = [Fixtures.alias("1", "a", ["m1"])]
    #expect(planner.plan(desired: desired, remote: remote).refusal?.rule == .emptyPrune)
    #expect(planner.plan(desired: desired, remote: remote).refusal?.hint.contains("--allow-empty") == true)
    let allowed = planner.plan(desired: desired, remote: remote, options: PlanOptions(allowEmpty: true))
    #expect(allowed.refusal == nil && allowed.counts.delete == 1)
  }

  @Test func showcaseHasEveryKind() {
    let (desired, remote) = Fixtures.showcase
    let plan = planner.plan(desired: desired, remote: remote, options: PlanOptions())
    #expect(plan.counts == PlanCounts(create: 1, update: 1, rename: 1, delete: 1, unchanged: 1))
    #expect(!plan.remoteSnapshot.contains { $0.name == "other-team/x" })
  }
}

/// SPEC §12: a chain diff never shows a move that did not happen and leads with the primary.
@Suite struct ChainDiffPositionTests {
  @Test func aHopAtItsOldPositionIsNeverMoved() {
    // Reversing three hops: the middle one stays where it was ("moved 2 → 2" was printed).
    let reverse = ChainDiff.diff(old: ["a", "b", "c"], new: ["c", "b", "a"])
    #expect(reverse.first { $0.model == "b" }?.mark == .kept)
    #expect(!reverse.contains { $0.mark == .moved && $0.oldIndex == $0.newIndex })
    #expect(reverse.filter { $0.mark == .moved }.map(\.model).sorted() == ["a", "c"])
  }

  @Test func keptHopsThatShiftSayFromWhereToWhere() {
    let diff = ChainDiff.diff(old: ["x", "a", "b"], new: ["a", "b"])
    let a = diff.first { $0.model == "a" }
    #expect(a?.mark == .kept && a?.positionChanged == true && a?.oldIndex == 1 && a?.newIndex == 0)
    #expect(diff.first { $0.model == "x" }?.mark == .removed)
  }

  @Test func primaryChangeIsReportedOnlyWhenTheFirstHopChanges() {
    let spec = Fixtures.spec("s", ["b", "a"])
    let plan = Planner().plan(
      desired: Fixtures.state([spec]), remote: [Fixtures.alias("1", "s", ["a", "b"])])
    #expect(plan.changes.first?.primaryChange == PrimaryChange(old: "a", new: "b"))
    let tail = Planner().plan(
      desired: Fixtures.state([Fixtures.spec("s", ["a", "c"])]),
      remote: [Fixtures.alias("1", "s", ["a", "b"])])
    #expect(tail.changes.first?.primaryChange == nil)
  }
}

/// SPEC §12 item 20: a protect note is said once per protected name prune would otherwise
/// delete, never for protected names that are declared or outside prune.
@Suite struct ProtectNoteTests {
  @Test func oneNotePerProtectedNameThatWouldBeDeleted() {
    let desired = Fixtures.state(
      [Fixtures.spec("team/kept-declared", ["m"])], prune: true, include: ["team/*"], protect: ["team/*"])
    let remote = [
      Fixtures.alias("1", "team/prod", ["m"]), Fixtures.alias("2", "team/prod", ["m"]),
      Fixtures.alias("3", "team/kept-declared", ["m"]),
    ]
    let plan = Planner().plan(desired: desired, remote: remote)
    #expect(plan.notes == ["team/prod is no longer declared but matches scope.protect: it is kept"])
    var noPrune = desired
    noPrune.prune = false
    #expect(Planner().plan(desired: noPrune, remote: remote).notes.isEmpty)
  }
}
