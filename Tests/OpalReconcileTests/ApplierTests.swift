import Foundation
import OpalConfig
import OpperAPI
import Synchronization
import Testing

@testable import OpalReconcile

@Suite struct ApplierTests {
  let planner = Planner()

  func apply(
    _ desired: DesiredState, on fake: FakeAliasAPI, options: ApplyOptions = ApplyOptions(),
    planOptions: PlanOptions = PlanOptions()
  ) async throws -> ApplyReport {
    let plan = planner.plan(desired: desired, remote: try await fake.listAliases(), options: planOptions)
    return await Applier(api: fake, options: options).apply(plan)
  }

  @Test func applyThenPlanIsEmpty() async throws {
    let (desired, remote) = Fixtures.showcase
    let fake = FakeAliasAPI(remote)
    let report = try await apply(desired, on: fake)
    #expect(report.isComplete && report.counts.succeeded == 4)
    let again = planner.plan(desired: desired, remote: try await fake.listAliases())
    #expect(!again.hasChanges)
    #expect(await fake.all.contains { $0.name == "other-team/x" })
    #expect(await fake.all.contains { $0.name == "team-a/prod-keep" })
  }

  @Test func renamesFirstDeletesLast() async throws {
    let desired = Fixtures.state(
      [
        Fixtures.spec("new", ["m1"], renamedFrom: ["old"]), Fixtures.spec("old", ["m2"]),
        Fixtures.spec("a", ["m1"]),
      ], prune: true, include: ["*"])
    let fake = FakeAliasAPI([
      Fixtures.alias("1", "old", ["m1"]), Fixtures.alias("2", "zzz", ["m1"]),
      Fixtures.alias("3", "a", ["m9"]),
    ])
    let report = try await apply(desired, on: fake, options: ApplyOptions(parallelism: 4))
    #expect(report.isComplete)
    let log = await fake.log
    let renameAt = try #require(log.firstIndex(of: "update old"))
    let createAt = try #require(log.firstIndex(of: "create old"))
    #expect(renameAt < createAt)
    #expect(log.last == "delete zzz")
    #expect(report.results.map(\.change.action) == [.rename, .update, .create, .delete])
    #expect(!planner.plan(desired: desired, remote: try await fake.listAliases()).hasChanges)
  }

  @Test func parallelismIsBoundedAndUsed() async throws {
    let desired = Fixtures.state((0..<20).map { Fixtures.spec("a\($0)", ["m1"]) })
    let fake = FakeAliasAPI()
    await fake.set(latency: .milliseconds(20))
    let report = try await apply(desired, on: fake, options: ApplyOptions(parallelism: 3))
    #expect(report.counts.succeeded == 20)
    let peak = await fake.maxInFlight
    #expect(peak <= 3 && peak >= 2)
  }

  @Test func aFailedChangeDoesNotStopOthers() async throws {
    let desired = Fixtures.state([
      Fixtures.spec("a", ["m2"]), Fixtures.spec("b", ["m2"]), Fixtures.spec("c", ["m2"]),
    ])
    let fake = FakeAliasAPI([Fixtures.alias("1", "a", ["m1"]), Fixtures.alias("2", "b", ["m1"])])
    await fake.set(failUpdates: ["a": 500])
    let report = try await apply(desired, on: fake)
    #expect(report.hasFailures && report.counts.failed == 1 && report.counts.succeeded == 2)
    #expect(report.results.first { $0.change.name == "a" }?.outcome.hint?.contains("again") == true)
    #expect(await fake.all.map(\.fallbackModels) == [["m1"], ["m2"], ["m2"]])
  }

  @Test func ambiguousCreateThatLandedIsNotDuplicated() async throws {
    let desired = Fixtures.state([Fixtures.spec("a", ["m1"], description: "d")])
    let fake = FakeAliasAPI()
    await fake.set(landThenLose: ["a": 1])
    let report = try await apply(desired, on: fake)
    #expect(report.isComplete)
    #expect(report.results[0].outcome.message?.contains("read back") == true)
    #expect(await fake.all.count == 1)
    #expect(await fake.log == ["create a", "read a"])
  }

  @Test func ambiguousCreateThatDidNotLandIsRetriedBounded() async throws {
    let fake = FakeAliasAPI()
    await fake.set(loseWithoutLanding: ["a": 1, "b": 5])
    let report = try await apply(
      Fixtures.state([Fixtures.spec("a", ["m1"]), Fixtures.spec("b", ["m1"])]), on: fake,
      options: ApplyOptions(maxCreateAttempts: 3))
    #expect(report.results.first { $0.change.name == "a" }?.outcome.isSuccess == true)
    let b = report.results.first { $0.change.name == "b" }
    #expect(b?.outcome.status == "failed")
    #expect(await fake.log.filter { $0 == "create b" }.count == 3)
    #expect(await fake.all.map(\.name) == ["a"])
  }

  @Test func conflictOnCreateIdenticalIsSuccessDifferentIsPatched() async throws {
    let desired = Fixtures.state([Fixtures.spec("a", ["m1"]), Fixtures.spec("b", ["m1"])])
    let fake = FakeAliasAPI()
    let plan = planner.plan(desired: desired, remote: [])
    // Someone creates both names between plan and apply: one identical, one different.
    await fake.insert(Fixtures.alias("x1", "a", ["m1"]))
    await fake.insert(Fixtures.alias("x2", "b", ["m9"], description: "theirs"))
    let report = await Applier(api: fake).apply(plan)
    #expect(report.isComplete)
    #expect(report.results[0].outcome == .succeeded(detail: "already existed, identical"))
    #expect(report.results[1].outcome.message?.contains("updated to the desired content") == true)
    #expect(await fake.all == [Fixtures.alias("x1", "a", ["m1"]), Fixtures.alias("x2", "b", ["m1"])])
  }

  @Test func deleteOf404IsSuccessUpdateOf404IsFailureWithHint() async throws {
    let desired = Fixtures.state([Fixtures.spec("a", ["m2"])], prune: true, include: ["*"])
    let fake = FakeAliasAPI([Fixtures.alias("1", "a", ["m1"]), Fixtures.alias("2", "b", ["m1"])])
    let plan = planner.plan(desired: desired, remote: await fake.all)
    await fake.remove(id: "1")
    await fake.remove(id: "2")
    let report = await Applier(api: fake).apply(plan)
    let update = report.results.first { $0.change.action == .update }
    let delete = report.results.first { $0.change.action == .delete }
    #expect(update?.outcome.status == "failed")
    #expect(update?.outcome.hint?.contains("opal plan") == true)
    #expect(delete?.outcome == .succeeded(detail: "already gone"))
  }

  @Test func failedRenameSkipsTheCreateOfItsOldName() async throws {
    let desired = Fixtures.state([
      Fixtures.spec("new", ["m1"], renamedFrom: ["old"]), Fixtures.spec("old", ["m2"]),
    ])
    let fake = FakeAliasAPI([Fixtures.alias("1", "old", ["m1"])])
    await fake.set(failUpdates: ["old": 500])
    let report = try await apply(desired, on: fake)
    #expect(report.results.map(\.outcome.status) == ["failed", "skipped"])
    #expect(await fake.all == [Fixtures.alias("1", "old", ["m1"])])
  }

  @Test func refusedPlanIsNotApplied() async throws {
    let fake = FakeAliasAPI([Fixtures.alias("1", "a", ["m1"])])
    let report = try await apply(Fixtures.state([], prune: true, include: ["*"]), on: fake)
    #expect(report.refusal?.rule == .emptyPrune)
    #expect(report.results.map(\.outcome) == [.notStarted])
    #expect(await fake.log.isEmpty)
  }

  @Test func cancellationStartsNothingNewAndLetsInFlightFinish() async throws {
    let desired = Fixtures.state((0..<10).map { Fixtures.spec("a\($0)", ["m1"]) })
    let fake = FakeAliasAPI()
    await fake.set(latency: .milliseconds(100))
    let plan = planner.plan(desired: desired, remote: [])
    let started = Mutex(0)
    let applier = Applier(api: fake, options: ApplyOptions(parallelism: 2)) { event in
      if event.event == .started { started.withLock { $0 += 1 } }
    }
    let task = Task { await applier.apply(plan) }
    while started.withLock({ $0 }) < 2 { try await Task.sleep(for: .milliseconds(5)) }
    task.cancel()
    let report = await task.value
    #expect(report.interrupted)
    let done = report.counts.succeeded
    #expect(done >= 2 && done < 10)
    #expect(report.counts.notStarted == 10 - done)
    #expect(report.counts.failed == 0)  // in-flight requests were not cut off
    #expect(await fake.all.count == done)
  }

  @Test func preflightSkipsAChainThatDoesNotAnswer() async throws {
    let desired = Fixtures.state([
      Fixtures.spec("good", ["ok/model"]), Fixtures.spec("bad", ["broken/model"]),
    ])
    let fake = FakeAliasAPI()
    let plan = planner.plan(desired: desired, remote: [])
    let report = await Applier(api: fake, options: ApplyOptions(preflight: true), preflight: FakeCallAPI())
      .apply(plan)
    #expect(report.results.first { $0.change.name == "bad" }?.outcome.status == "skipped")
    #expect(await fake.all.map(\.name) == ["good"])
  }

  @Test func progressReportsEveryChange() async throws {
    let events = Mutex<[ApplyProgress]>([])
    let plan = planner.plan(
      desired: Fixtures.state([Fixtures.spec("a", ["m"]), Fixtures.spec("b", ["m"])]), remote: [])
    _ = await Applier(api: FakeAliasAPI(), progress: { e in events.withLock { $0.append(e) } }).apply(plan)
    let all = events.withLock { $0 }
    #expect(all.filter { $0.event == .started }.count == 2)
    #expect(all.last?.completed == 2 && all.last?.total == 2)
  }
}

/// A `CallAPI` whose calls fail when the first model's provider is `broken`.
struct FakeCallAPI: CallAPI {
  func call(_ request: CallRequest) async throws(OpperAPIError) -> CallResponse {
    if request.model?.names.first?.hasPrefix("broken/") == true {
      throw OpperAPIError(
        method: "POST", path: "/call", kind: .http(status: 502, type: nil, message: "no answer"))
    }
    return try decodeResponse()
  }

  private func decodeResponse() throws(OpperAPIError) -> CallResponse {
    do {
      return try JSONDecoder().decode(
        CallResponse.self, from: Data(#"{"span_id": "s1", "message": "OK"}"#.utf8))
    } catch {
      throw OpperAPIError(method: "POST", path: "/call", kind: .decoding("\(error)"))
    }
  }

  func span(id: String) async throws(OpperAPIError) -> Span {
    throw OpperAPIError(method: "GET", path: "/spans", kind: .invalidRequest("unused"))
  }

  func trace(id: String) async throws(OpperAPIError) -> Trace {
    throw OpperAPIError(method: "GET", path: "/traces", kind: .invalidRequest("unused"))
  }
}
