import Foundation
import FoundationXML
import OpalConfig
import OpalCore
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Testing

@testable import OpalSmoke

/// Smoke over real loopback sockets against the emulator (SPEC §7, §8).
@Suite(.serialized) struct EmulatorSmokeTests {
  static let chain = SmokeFixtures.chain

  /// `OpalTestSupport.withEmulator` with `sonnet4` created (then `faults` set) before `body` runs.
  func withSonnet4(
    faults: String? = nil,
    _ body: (OpperClient, EmulatorServer) async throws -> Void
  ) async throws {
    try await OpalTestSupport.withEmulator { server, client in
      _ = try await client.createAlias(AliasCreate(name: "sonnet4", fallbackModels: Self.chain))
      if let faults { await server.setFaults(try faultPlan(faults)) }
      try await body(client, server)
    }
  }

  static let summarize = SmokeCase(
    name: "summarize", instructions: "Summarize the following text",
    input: .object(["text": .string("Opper routes each call to the first model that answers.")]),
    options: ["temperature": .number(0.3)],
    outputSchema: json(
      #"{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"]}"#),
    expect: SmokeExpectation(contains: ["Opper"], maxLatencyMs: 10_000, servedBy: .any))

  @Test func aFaultedFirstModelPassesServedByTheSecondAndEachHopNamesTheDeadHop() async throws {
    let faults = #"{"models": {"aws/claude-sonnet-4-eu": {"status": 503}}}"#
    try await withSonnet4(faults: faults) { client, _ in
      let state = SmokeFixtures.state([Self.summarize])
      let plain = await SmokeRunner(api: client, options: SmokeOptions()).run(state)
      let c = try #require(plain.aliases.first?.cases.first)
      #expect(plain.passed, "\(c.reasons) \(plain.errors)")
      #expect(c.servedBy == "anthropic/claude-sonnet-4")
      #expect(c.fallback)
      #expect(c.attempts.map(\.model) == ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4"])
      #expect(c.attempts[0].status == 503)
      #expect(c.traceId != nil)
      #expect(
        SmokeTextRenderer().render(plain).contains(
          "anthropic/claude-sonnet-4 (fallback: aws/claude-sonnet-4-eu 503)"))

      let hops = await SmokeRunner(api: client, options: SmokeOptions(eachHop: true)).run(state)
      #expect(!hops.passed)
      #expect(hops.exitCode == 1)
      let alias = try #require(hops.aliases.first)
      #expect(alias.hops.map(\.verdict) == [.fail, .pass, .pass])
      let reason = try #require(alias.hops[0].reason)
      #expect(reason.hasPrefix("first model aws/claude-sonnet-4-eu does not answer: HTTP 503"))

      let junit = SmokeJUnitRenderer().render(hops)
      let doc = try XMLDocument(data: Data(junit.utf8), options: [])
      let suite = try #require(doc.rootElement()?.elements(forName: "testsuite").first)
      #expect(suite.attribute(forName: "failures")?.stringValue == "1")
      #expect(suite.attribute(forName: "tests")?.stringValue == "4")
      let failures = suite.elements(forName: "testcase").flatMap { $0.elements(forName: "failure") }
      #expect(failures.count == 1)
      #expect(failures.first?.attribute(forName: "message")?.stringValue == reason)
    }
  }

  @Test func servedByFirstFailsNamingTheFirstModelsError() async throws {
    let faults = #"{"models": {"aws/claude-sonnet-4-eu": {"status": 503}}}"#
    try await withSonnet4(faults: faults) { client, _ in
      let strict = SmokeCase(name: "strict", expect: SmokeExpectation(servedBy: .first))
      let report = await SmokeRunner(api: client, options: SmokeOptions()).run(SmokeFixtures.state([strict]))
      let reason = try #require(report.aliases.first?.cases.first?.reasons.first)
      #expect(
        reason.hasPrefix(
          "served by anthropic/claude-sonnet-4, expected the first model aws/claude-sonnet-4-eu (it failed: ")
      )
      #expect(reason.contains("503"))
    }
  }

  @Test func parseRetriesShowFromTheTrace() async throws {
    let faults = #"{"models": {"aws/claude-sonnet-4-eu": {"malformed_output": 2}}}"#
    try await withSonnet4(faults: faults) { client, _ in
      let report = await SmokeRunner(api: client, options: SmokeOptions()).run(
        SmokeFixtures.state([Self.summarize]))
      let c = try #require(report.aliases.first?.cases.first)
      #expect(report.passed, "\(c.reasons)")
      #expect(c.servedBy == "aws/claude-sonnet-4-eu")
      #expect(c.attempts == [SmokeAttempt(model: "aws/claude-sonnet-4-eu", parseRetries: 2)])
    }
  }

  @Test func eachExpectationKindPassesAndFailsOnRealAnswers() async throws {
    try await withSonnet4 { client, _ in
      let input = JSONValue.object(["text": .string("Opper routes calls")])
      let pass = SmokeExpectation(
        contains: ["Opper"], notContains: ["ERROR"], matches: [#"^Opper \w+"#], maxLatencyMs: 60_000,
        servedBy: .first, maxCostUSD: 1)
      let fail = SmokeExpectation(
        contains: ["absent"], notContains: ["Opper"], matches: [#"^\d+$"#], maxLatencyMs: -1,
        servedBy: .model("gcp/claude-sonnet-4"), maxCostUSD: -1)
      let schemaFail = SmokeExpectation(jsonSchema: json(#"{"type":"object","required":["title"]}"#))
      let cases = [
        SmokeCase(name: "pass", input: input, expect: pass),
        SmokeCase(name: "fail", input: input, expect: fail),
        SmokeCase(name: "schema-pass", input: input, outputSchema: Self.summarize.outputSchema),
        SmokeCase(
          name: "schema-fail", input: input, outputSchema: Self.summarize.outputSchema, expect: schemaFail),
      ]
      let report = await SmokeRunner(api: client, options: SmokeOptions()).run(SmokeFixtures.state(cases))
      let results = try #require(report.aliases.first?.cases)
      #expect(results.map(\.verdict) == [.pass, .fail, .pass, .fail], "\(results.map(\.reasons))")
      let reasons = results[1].reasons
      #expect(reasons.count == 6, "\(reasons)")
      #expect(reasons.contains { $0.hasPrefix(#"answer does not contain "absent""#) })
      #expect(reasons.contains { $0.hasPrefix(#"answer contains "Opper""#) })
      #expect(reasons.contains { $0.hasPrefix(#"answer does not match /^\d+$/"#) })
      #expect(reasons.contains { $0.contains("more than max_latency_ms -1") })
      #expect(reasons.contains { $0 == "served by aws/claude-sonnet-4-eu, expected gcp/claude-sonnet-4" })
      #expect(reasons.contains { $0.contains("more than max_cost_usd") })
      #expect(
        results[3].reasons == [
          "json_payload does not match json_schema: /title: required property is missing"
        ])
    }
  }

  @Test func theBudgetStopsARunAgainstTheEmulator() async throws {
    try await withSonnet4 { client, _ in
      let cases = (1...4).map { SmokeCase(name: "c\($0)") }
      let options = SmokeOptions(parallelism: 1, budgetUSD: 1e-12)
      let report = await SmokeRunner(api: client, options: options).run(SmokeFixtures.state(cases))
      #expect(report.aliases[0].cases.map(\.verdict) == [.pass, .skipped, .skipped, .skipped])
      #expect(report.budget?.exhausted == true)
      #expect(!report.passed)
    }
  }

  @Test func anUnreachableAPIIsARunError() async throws {
    // The URL of an emulator that has stopped: nothing listens there.
    let url = try await OpalTestSupport.withEmulator { server, _ in server.baseURL }
    let retry = RetryPolicy(maxAttempts: 1)
    let client = OpperClient(configuration: OpperClientConfiguration(baseURL: url, apiKey: "k", retry: retry))
    let report = await SmokeRunner(api: client, options: SmokeOptions()).run(SmokeFixtures.state())
    await client.shutdown()
    #expect(report.aliases[0].cases[0].verdict == .error)
    #expect(report.errors.first?.hasPrefix("could not reach the API") == true)
  }
}
