import OpalConfig
import OpalCore
import OpperAPI
import Testing

@testable import OpalSmoke

struct ExpectationEvaluatorTests {
  let text = CallResponse(spanId: "s", message: "Opper routes each call.", cost: CallCost(total: 0.002))
  let structured = CallResponse(spanId: "s", jsonPayload: json(#"{"summary": "Opper routes", "n": 2}"#))
  let direct = ServingAnalysis(servedBy: "a/first", attempts: [SmokeAttempt(model: "a/first")])
  let fellBack = ServingAnalysis(
    servedBy: "b/second",
    attempts: [
      SmokeAttempt(model: "a/first", error: "model unavailable", status: 503),
      SmokeAttempt(model: "b/second"),
    ])

  func check(
    _ e: SmokeExpectation, _ response: CallResponse? = nil, latency: Int = 100,
    serving: ServingAnalysis? = nil,
    schema: JSONValue? = nil
  ) -> [String] {
    ExpectationEvaluator(expectation: e, outputSchema: schema, firstModel: "a/first")
      .failures(response: response ?? text, latencyMs: latency, serving: serving ?? direct)
  }

  @Test func noExpectationsMeansSuccessIsEnough() {
    #expect(check(SmokeExpectation()).isEmpty)
  }

  @Test func containsIsACaseSensitiveSubstring() {
    #expect(check(SmokeExpectation(contains: ["Opper", "routes"])).isEmpty)
    #expect(
      check(SmokeExpectation(contains: ["opper"])) == [
        #"answer does not contain "opper": "Opper routes each call.""#
      ])
  }

  @Test func containsLooksAtTheCanonicalPayloadWithoutAMessage() {
    #expect(check(SmokeExpectation(contains: [#""summary":"Opper"#]), structured).isEmpty)
    #expect(check(SmokeExpectation(contains: ["absent"]), structured).count == 1)
  }

  @Test func notContains() {
    #expect(check(SmokeExpectation(notContains: ["error"])).isEmpty)
    #expect(
      check(SmokeExpectation(notContains: ["call"])).first?.hasPrefix(#"answer contains "call""#) == true)
  }

  @Test func matchesIsARegexSearch() {
    #expect(check(SmokeExpectation(matches: [#"^Opper \w+"#])).isEmpty)
    #expect(
      check(SmokeExpectation(matches: [#"^\d+$"#])).first?.hasPrefix(#"answer does not match /^\d+$/"#)
        == true)
    #expect(check(SmokeExpectation(matches: ["("])).first?.contains("does not compile") == true)
  }

  @Test func jsonSchemaValidatesThePayloadAndNamesThePath() {
    let good = json(#"{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"]}"#)
    #expect(check(SmokeExpectation(jsonSchema: good), structured).isEmpty)
    let bad = json(#"{"type":"object","properties":{"n":{"type":"string"}},"required":["title"]}"#)
    #expect(
      check(SmokeExpectation(jsonSchema: bad), structured)
        == [
          "json_payload does not match json_schema: /title: required property is missing; "
            + "/n: expected string, got integer 2"
        ])
    #expect(
      check(SmokeExpectation(jsonSchema: good), text) == [
        "json_schema: the answer has no json_payload to validate"
      ])
  }

  @Test func theOutputSchemaIsUsedWhenJsonSchemaIsAbsent() {
    let schema = json(#"{"required":["missing"]}"#)
    #expect(
      check(SmokeExpectation(), structured, schema: schema)
        == ["json_payload does not match output_schema: /missing: required property is missing"])
    #expect(check(SmokeExpectation(jsonSchema: .bool(true)), structured, schema: schema).isEmpty)
  }

  @Test func maxLatency() {
    #expect(check(SmokeExpectation(maxLatencyMs: 100), latency: 100).isEmpty)
    #expect(
      check(SmokeExpectation(maxLatencyMs: 100), latency: 101) == [
        "took 101 ms, more than max_latency_ms 100"
      ])
  }

  @Test func maxCost() {
    #expect(check(SmokeExpectation(maxCostUSD: 0.002)).isEmpty)
    #expect(check(SmokeExpectation(maxCostUSD: 0.001)) == ["cost $0.002, more than max_cost_usd $0.001"])
    #expect(check(SmokeExpectation(maxCostUSD: 0.001), structured).first?.contains("reports no cost") == true)
  }

  @Test func servedByFirstAnyAndModel() {
    #expect(check(SmokeExpectation(servedBy: .first)).isEmpty)
    #expect(
      check(SmokeExpectation(servedBy: .first), serving: fellBack)
        == ["served by b/second, expected the first model a/first (it failed: HTTP 503 model unavailable)"])
    #expect(check(SmokeExpectation(servedBy: .any), serving: fellBack).isEmpty)
    #expect(check(SmokeExpectation(servedBy: .model("b/second")), serving: fellBack).isEmpty)
    #expect(
      check(SmokeExpectation(servedBy: .model("a/first")), serving: fellBack)
        == ["served by b/second, expected a/first (it failed: HTTP 503 model unavailable)"])
  }

  @Test func servedByWithoutATraceCannotPass() {
    let unknown = ServingAnalysis(servedBy: nil, attempts: [])
    let reasons = check(SmokeExpectation(servedBy: .first), serving: unknown)
    #expect(reasons == ["served_by cannot be checked: the trace shows no model that answered"])
  }
}
