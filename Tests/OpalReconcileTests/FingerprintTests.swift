import Foundation
import OpalConfig
import OpperAPI
import Testing

@testable import OpalReconcile

@Suite struct FingerprintTests {
  let planner = Planner()

  @Test func sameInputSameHashAndOrderDoesNotMatter() {
    let (desired, remote) = Fixtures.showcase
    let a = planner.plan(desired: desired, remote: remote)
    var shuffledDesired = desired
    shuffledDesired.aliases.reverse()
    let b = planner.plan(desired: shuffledDesired, remote: remote.reversed())
    #expect(a.fingerprint == b.fingerprint)
    #expect(a.fingerprint.combined.count == 64 && a.fingerprint.short.count == 12)
  }

  @Test func everyFieldChangesTheHash() {
    let (desired, remote) = Fixtures.showcase
    let base = Fingerprint(desired: desired, remote: remote)
    var variants: [DesiredState] = []
    var d = desired
    d.aliases[0].description = "x"; variants.append(d)
    d = desired; d.aliases[0].models.swapAt(0, 1); variants.append(d)
    d = desired; d.aliases[0].name = "sonnet5"; variants.append(d)
    d = desired; d.aliases[0].renamedFrom = ["y"]; variants.append(d)
    d = desired; d.prune = false; variants.append(d)
    d = desired; d.scope.protect = Fixtures.globs(["z"]); variants.append(d)
    d = desired; d.scope.include = nil; variants.append(d)
    d = desired; d.scope.exclude = Fixtures.globs(["q"]); variants.append(d)
    for v in variants {
      let f = Fingerprint(desired: v, remote: remote)
      #expect(f.desired != base.desired && f.combined != base.combined)
      #expect(f.remote == base.remote)
    }
    var r = remote
    r[0].id = "zz"
    #expect(Fingerprint(desired: desired, remote: r).remote != base.remote)
    r = remote; r[0].description = nil
    #expect(Fingerprint(desired: desired, remote: r).remote != base.remote)
    r = remote; r[0].fallbackModels.removeLast()
    #expect(Fingerprint(desired: desired, remote: r).remote != base.remote)
  }

  @Test func expectedFingerprintShortOrFull() {
    let (desired, remote) = Fixtures.showcase
    let plan = planner.plan(desired: desired, remote: remote)
    #expect(!StaleCheck(expectedFingerprint: plan.fingerprint.short, fresh: plan).isStale)
    #expect(!StaleCheck(expectedFingerprint: plan.fingerprint.combined.uppercased(), fresh: plan).isStale)
    #expect(StaleCheck(expectedFingerprint: "abc", fresh: plan).reasons[0].contains("not a plan fingerprint"))
    let other = StaleCheck(expectedFingerprint: String(repeating: "0", count: 12), fresh: plan)
    #expect(other.isStale && other.message.hasPrefix("stale plan:"))
  }

  @Test func staleSavedPlanSaysWhatMoved() throws {
    let (desired, remote) = Fixtures.showcase
    let saved = try PlanFile.decode(PlanFile.encode(planner.plan(desired: desired, remote: remote)))
    #expect(!StaleCheck(saved: saved, fresh: planner.plan(desired: desired, remote: remote)).isStale)

    var moved = remote
    moved[0].fallbackModels = ["openai/gpt-4o"]  // sonnet4
    moved.removeAll { $0.name == "team-a/old" }
    let remoteCheck = StaleCheck(saved: saved, fresh: planner.plan(desired: desired, remote: moved))
    #expect(
      remoteCheck.reasons == ["the remote changed since the plan: sonnet4 (chain), team-a/old (deleted)"])

    var edited = desired
    edited.aliases[1].description = "Changed"
    let both = StaleCheck(saved: saved, fresh: planner.plan(desired: edited, remote: moved))
    #expect(both.reasons.first == "the config changed since the plan")
    #expect(both.reasons.count == 2)
  }

  @Test func planFileRoundTrips() throws {
    let (desired, remote) = Fixtures.showcase
    let plan = planner.plan(desired: desired, remote: remote, options: PlanOptions(maxDelete: 5))
    let back = try PlanFile.decode(PlanFile.encode(plan))
    #expect(back == plan)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("opal-plan-\(UUID()).json").path
    try PlanFile.write(plan, to: path)
    #expect(try PlanFile.read(from: path) == plan)
    try? FileManager.default.removeItem(atPath: path)
  }

  @Test func planFileErrorsAreClear() {
    #expect(throws: PlanFile.ReadError.self) { try PlanFile.decode(Data("nope".utf8), path: "p.json") }
    do {
      _ = try PlanFile.decode(Data(#"{"format_version": 9}"#.utf8), path: "p.json")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("format_version 9"))
    }
  }
}
