import Foundation
import OpalConfig
import OpalCore
import OpperAPI
import Testing

@testable import OpalSmoke

struct SmokeRunnerTests {
  typealias F = SmokeFixtures

  @Test func anAliasWithoutCasesGetsOneDefaultCallThroughTheAlias() async throws {
    let api = F.fake()
    let report = await F.run(api, F.state())
    #expect(report.passed)
    let request = try #require(api.requests.first)
    #expect(api.requests.count == 1)
    #expect(request.name == "opal-smoke/sonnet4/default")
    #expect(request.model == .name("sonnet4"))
    #expect(request.instructions == "Reply with one short sentence.")
    let c = try #require(report.aliases.first?.cases.first)
    #expect(c.name == "default")
    #expect(c.servedBy == "aws/claude-sonnet-4-eu")
    #expect(!c.fallback)
    #expect(c.costUSD == 0.001)
    #expect(report.totals.passed == 1)
  }

  @Test func casesAreMergedOverDefaultsAndCarryTheirFields() async throws {
    let api = F.fake()
    let defaults = SmokeCase(
      instructions: "Reply with one short sentence.", configuration: ["invocation.cache.ttl": .integer(0)],
      expect: SmokeExpectation(maxLatencyMs: 10_000))
    let own = SmokeCase(
      name: "summarize", instructions: "Summarize", input: .object(["text": .string("Opper routes")]),
      options: ["temperature": .number(0.3)],
      outputSchema: json(#"{"type":"object","required":["summary"]}"#),
      expect: SmokeExpectation(contains: ["Opper"]))
    let report = await F.run(api, F.state([own], defaults: defaults))
    let request = try #require(api.requests.first)
    #expect(request.name == "opal-smoke/sonnet4/summarize")
    #expect(request.instructions == "Summarize")
    #expect(request.model == .spec(ModelSpec(name: "sonnet4", options: ["temperature": .number(0.3)])))
    #expect(request.outputSchema != nil)
    #expect(request.configuration == ["invocation.cache.ttl": .integer(0)])
    #expect(
      report.passed, "contains checks the canonical JSON payload: \(report.aliases[0].cases[0].reasons)")
  }

  @Test func aCaseMayNameItsOwnModelsAsAListWithOptions() async throws {
    let api = F.fake()
    let own = SmokeCase(
      name: "pair", options: ["temperature": .integer(0)],
      model: json(#"["openai/gpt-4o", {"name": "openai/gpt-4o-mini", "options": {"temperature": 1}}]"#),
      expect: SmokeExpectation(servedBy: .first))
    api.deadModels = ["openai/gpt-4o": 503]
    let report = await F.run(api, F.state([own]))
    let request = try #require(api.requests.first)
    #expect(
      request.model
        == .list([
          ModelSpec(name: "openai/gpt-4o", options: ["temperature": .integer(0)]),
          ModelSpec(name: "openai/gpt-4o-mini", options: ["temperature": .integer(1)]),
        ]))
    let c = try #require(report.aliases.first?.cases.first)
    #expect(c.servedBy == "openai/gpt-4o-mini")
    #expect(
      c.reasons == [
        "served by openai/gpt-4o-mini, expected the first model openai/gpt-4o "
          + "(it failed: HTTP 503 model unavailable)"
      ])
  }

  @Test func anUnreadableCaseModelFailsTheCaseWithoutACall() async {
    let api = F.fake()
    let report = await F.run(api, F.state([SmokeCase(name: "bad", model: .integer(3))]))
    #expect(api.requests.isEmpty)
    #expect(report.aliases[0].cases[0].verdict == .fail)
    #expect(report.aliases[0].cases[0].reasons[0].contains("must be a name"))
  }

  @Test func fallbackIsDetectedFromTheTrace() async throws {
    let api = F.fake()
    api.deadModels = ["aws/claude-sonnet-4-eu": 503]
    let any = SmokeCase(name: "any", expect: SmokeExpectation(servedBy: .any))
    let first = SmokeCase(name: "first", expect: SmokeExpectation(servedBy: .first))
    let report = await F.run(api, F.state([any, first]))
    let cases = report.aliases[0].cases
    #expect(cases[0].verdict == .pass)
    #expect(cases[0].servedBy == "anthropic/claude-sonnet-4")
    #expect(cases[0].fallback)
    #expect(cases[0].attempts.map(\.model) == ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4"])
    #expect(cases[0].attempts[0].status == 503)
    #expect(cases[1].verdict == .fail)
    #expect(
      cases[1].reasons == [
        "served by anthropic/claude-sonnet-4, expected the first model aws/claude-sonnet-4-eu "
          + "(it failed: HTTP 503 model unavailable)"
      ])
  }

  @Test func servedByAnExactModel() async {
    let api = F.fake()
    api.deadModels = ["aws/claude-sonnet-4-eu": 503]
    let ok = SmokeCase(name: "ok", expect: SmokeExpectation(servedBy: .model("anthropic/claude-sonnet-4")))
    let no = SmokeCase(name: "no", expect: SmokeExpectation(servedBy: .model("gcp/claude-sonnet-4")))
    let report = await F.run(api, F.state([ok, no]))
    #expect(report.aliases[0].cases[0].verdict == .pass)
    #expect(
      report.aliases[0].cases[1].reasons == [
        "served by anthropic/claude-sonnet-4, expected gcp/claude-sonnet-4"
      ])
  }

  @Test func parseRetriesAreCountedPerModel() async throws {
    let api = F.fake()
    api.malformed = ["aws/claude-sonnet-4-eu": 2]
    let c = SmokeCase(name: "structured", outputSchema: json(#"{"type":"object"}"#))
    let report = await F.run(api, F.state([c]))
    let result = try #require(report.aliases.first?.cases.first)
    #expect(result.servedBy == "aws/claude-sonnet-4-eu")
    #expect(result.attempts == [SmokeAttempt(model: "aws/claude-sonnet-4-eu", parseRetries: 2)])
    #expect(!result.fallback)
  }

  @Test func everyModelFailingIsAFailedResultNotARunError() async {
    let api = F.fake()
    api.deadModels = Dictionary(uniqueKeysWithValues: F.chain.map { ($0, 503) })
    let report = await F.run(api, F.state())
    #expect(report.aliases[0].cases[0].verdict == .fail)
    #expect(report.aliases[0].cases[0].reasons == ["the call failed: HTTP 502 ModelError: all models failed"])
    #expect(report.errors.isEmpty)
    #expect(report.exitCode == 1)
  }

  @Test func transportFailuresAreErrorsOfTheRun() async {
    let api = F.fake()
    api.callError = OpperAPIError(method: "POST", path: "/call", kind: .transport("connection refused"))
    let report = await F.run(api, F.state())
    #expect(report.aliases[0].cases[0].verdict == .error)
    #expect(report.errors == ["could not reach the API: connection failed: connection refused"])
    #expect(report.totals.errors == 1)
    #expect(!report.passed)
  }

  @Test func aGatewayPageIsARunErrorButTheAPIsOwn503IsAResult() {
    let gateway = CallFailure(
      OpperAPIError(method: "POST", path: "/call", kind: .http(status: 502, type: nil, message: "<html>")))
    #expect(gateway.verdict == .error)
    let api = CallFailure(
      OpperAPIError(
        method: "POST", path: "/call", kind: .http(status: 503, type: "ServiceUnavailable", message: "down")))
    #expect(api.verdict == .fail)
    #expect(CallFailure(OpperAPIError(method: "POST", path: "/call", kind: .timeout)).verdict == .error)
    let key = CallFailure(
      OpperAPIError(
        method: "POST", path: "/call", kind: .http(status: 401, type: "UnauthorizedError", message: "no")))
    #expect(key.verdict == .error)
  }

  @Test func aCallPastThePerCallTimeoutFails() async {
    let api = F.fake()
    api.delay = .seconds(30)
    let report = await F.run(api, F.state(), options: SmokeOptions(perCallTimeout: .milliseconds(50)))
    #expect(report.aliases[0].cases[0].verdict == .fail)
    #expect(report.aliases[0].cases[0].reasons == ["no answer within 50 ms (the per-call timeout)"])
  }

  @Test func anUnreadableTraceLeavesServedByUnknownWithoutFailingTheCall() async {
    let api = F.fake()
    api.traceError = OpperAPIError(
      method: "GET", path: "/traces/x", kind: .http(status: 404, type: "NotFoundError", message: "gone"))
    let plain = SmokeCase(name: "plain")
    let strict = SmokeCase(name: "strict", expect: SmokeExpectation(servedBy: .first))
    let report = await F.run(api, F.state([plain, strict]))
    let cases = report.aliases[0].cases
    #expect(cases[0].verdict == .pass)
    #expect(cases[0].servedBy == nil)
    #expect(cases[0].note?.contains("the trace could not be read") == true)
    #expect(cases[1].verdict == .fail)
    #expect(
      cases[1].reasons.first?.hasPrefix("served_by cannot be checked: the trace could not be read") == true)
  }

  @Test func eachHopFindsADeadFallbackAndNamesIt() async throws {
    let api = F.fake()
    api.deadModels = ["gcp/claude-sonnet-4": 503]
    let report = await F.run(api, F.state(), options: SmokeOptions(eachHop: true))
    let alias = try #require(report.aliases.first)
    #expect(alias.cases[0].verdict == .pass)
    #expect(alias.hops.map(\.model) == F.chain)
    #expect(alias.hops.map(\.verdict) == [.pass, .pass, .fail])
    #expect(
      alias.hops[2].reason
        == "fallback gcp/claude-sonnet-4 does not answer: HTTP 502 ModelError: all models failed")
    #expect(alias.verdict == .fail)
    #expect(!report.passed)
    // One call per hop, pinned to that hop's model; the hops run at once, so in any order.
    let hopModels = api.requests.filter { $0.name.contains("/hop/") }.map { String(describing: $0.model) }
    #expect(hopModels.sorted() == F.chain.map { String(describing: CallModel?.some(.name($0))) }.sorted())
  }

  @Test func eachHopReusesTheFirstCasesOptions() async {
    let api = F.fake()
    let c = SmokeCase(name: "warm", options: ["temperature": .number(0.3)])
    _ = await F.run(api, F.state([c], models: ["openai/gpt-4o"]), options: SmokeOptions(eachHop: true))
    let hop = api.requests.first { $0.name == "opal-smoke/sonnet4/hop/openai/gpt-4o" }
    #expect(hop?.model == .spec(ModelSpec(name: "openai/gpt-4o", options: ["temperature": .number(0.3)])))
  }

  @Test func theBudgetStopsNewCallsAndSkipsTheRest() async {
    let api = F.fake()
    api.costPerCall = 0.01
    let cases = (1...5).map { SmokeCase(name: "c\($0)") }
    let options = SmokeOptions(parallelism: 1, budgetUSD: 0.02)
    let report = await F.run(api, F.state(cases), options: options)
    #expect(api.requests.count == 2)
    #expect(report.aliases[0].cases.map(\.verdict) == [.pass, .pass, .skipped, .skipped, .skipped])
    #expect(report.aliases[0].cases[2].reasons[0].hasPrefix("skipped (budget)"))
    #expect(report.budget == SmokeReport.Budget(limitUSD: 0.02, spentUSD: 0.02, exhausted: true, skipped: 3))
    #expect(report.totals.skipped == 3)
    #expect(!report.passed)
  }

  @Test func aBudgetNotReachedSkipsNothing() async {
    let api = F.fake()
    let report = await F.run(api, F.state(), options: SmokeOptions(budgetUSD: 1))
    #expect(report.budget?.exhausted == false)
    #expect(report.passed)
  }

  @Test func noMoreThanParallelismCallsAreInFlight() async {
    let api = F.fake()
    api.delay = .milliseconds(40)
    let aliases = (1...12).map { AliasSpec(name: "a\($0)", models: ["openai/gpt-4o"]) }
    let progress = ProgressLog()
    let runner = SmokeRunner(api: api, options: SmokeOptions(parallelism: 3)) { progress.append($0) }
    let report = await runner.run(DesiredState(aliases: aliases))
    #expect(report.totals.passed == 12)
    #expect(api.maxInFlight <= 3)
    #expect(api.maxInFlight >= 2, "calls should overlap")
    let events = progress.events
    #expect(events.first == SmokeProgress(event: .planned, completed: 0, total: 12))
    #expect(events.last?.completed == 12)
    #expect(events.count == 13)
  }

  @Test func cancellingTheRunStartsNoNewCallAndSkipsTheRest() async {
    let api = F.fake()
    api.delay = .seconds(30)
    let cases = (1...3).map { SmokeCase(name: "c\($0)") }
    let runner = SmokeRunner(api: api, options: SmokeOptions(parallelism: 1))
    let running = Task { await runner.run(F.state(cases)) }
    try? await Task.sleep(for: .milliseconds(100))
    running.cancel()
    let report = await running.value
    let verdicts = report.aliases[0].cases.map(\.verdict)
    #expect(api.requests.count <= 1)
    #expect(verdicts.allSatisfy { $0 == .error || $0 == .skipped })
    #expect(verdicts.filter { $0 == .skipped }.count >= 2)
    #expect(report.aliases[0].cases[2].reasons.first?.hasPrefix("skipped (interrupted)") == true)
    #expect(!report.passed)
  }

  @Test func theAliasFilterSelectsByNameAndGlob() async throws {
    let api = F.fake()
    let state = DesiredState(aliases: [
      AliasSpec(name: "team-a/one", models: ["openai/gpt-4o"]),
      AliasSpec(name: "team-a/two", models: ["openai/gpt-4o"]),
      AliasSpec(name: "other", models: ["openai/gpt-4o"]),
    ])
    let filter = try GlobSet(patterns: ["team-a/*"])
    let report = await F.run(api, state, options: SmokeOptions(aliasFilter: filter))
    #expect(report.aliases.map(\.alias) == ["team-a/one", "team-a/two"])
    let none = await F.run(api, state, options: SmokeOptions(aliasFilter: try GlobSet(patterns: ["nope*"])))
    #expect(none.errors == ["no declared alias matches --alias nope*"])
    #expect(!none.passed)
  }
}

/// Collects progress events from concurrent callbacks.
final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: [SmokeProgress] = []
  func append(_ p: SmokeProgress) {
    lock.lock()
    stored.append(p)
    lock.unlock()
  }
  var events: [SmokeProgress] {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }
}
