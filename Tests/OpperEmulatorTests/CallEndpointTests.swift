import Foundation
import OpalCore
import OpperAPI
import Testing

@testable import OpperEmulator

@Suite struct CallEndpointTests {
  private func call(_ h: EmulatorHarness, _ body: JSONValue) async throws -> EmulatorHarness.Reply {
    try await h.send(.post, "/v2/call", json: body)
  }

  private func trace(_ h: EmulatorHarness, spanId: String) async throws -> Trace {
    let span = try await h.send(.get, "/v2/spans/\(spanId)").decode(Span.self)
    return try await h.send(.get, "/v2/traces/\(span.traceId)").decode(Trace.self)
  }

  private func generations(_ trace: Trace) -> [TraceSpan] { trace.spans.filter { $0.type == "generation" } }

  @Test func textAnswerEchoesInputAndReportsUsageAndCost() async throws {
    try await EmulatorHarness.with { h in
      let body: JSONValue = [
        "name": "summarize", "instructions": "Summarize", "model": "openai/gpt-4o",
        "input": ["text": "Opper routes each call to the first model that answers."],
      ]
      let reply = try await call(h, body)
      #expect(reply.status == 200)
      let response = try reply.decode(CallResponse.self)
      #expect(response.message?.contains("Opper routes each call") == true)
      #expect(response.jsonPayload == nil)
      #expect((response.usage?.totalTokens ?? 0) > 0)
      #expect((response.cost?.total ?? 0) > 0)
      let again = try await call(h, body).decode(CallResponse.self)
      #expect(again.message == response.message)
      #expect(again.spanId != response.spanId)
      let other = try await call(
        h, ["name": "s", "instructions": "Other", "model": "openai/gpt-4o", "input": "x"])
      #expect(try other.decode(CallResponse.self).message != response.message)
    }
  }

  @Test func listFallsBackPastAFaultedModelAndTheTraceNamesBothAttempts() async throws {
    try await EmulatorHarness.with { h in
      try await h.setFaults(["models": ["aws/claude-sonnet-4-eu": ["status": 503]]])
      let reply = try await call(
        h,
        [
          "name": "t", "input": "hello",
          "model": [
            "aws/claude-sonnet-4-eu", ["name": "anthropic/claude-sonnet-4", "options": ["temperature": 0.3]],
          ],
        ])
      #expect(reply.status == 200)
      let response = try reply.decode(CallResponse.self)
      #expect(response.message?.contains("anthropic/claude-sonnet-4") == true)
      let trace = try await trace(h, spanId: response.spanId)
      #expect(trace.status == "success")
      let attempts = generations(trace)
      #expect(attempts.map(\.data?.model) == ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4"])
      #expect(attempts[0].error?.stringValue?.contains("503") == true)
      #expect(attempts[1].error == nil)
      #expect(attempts[1].meta?["options"]?["temperature"] == 0.3)
      #expect(attempts.map { $0.meta?["attempt"] } == [1, 2])
      #expect(trace.spans.first { $0.id == response.spanId }?.meta?["model"] == "anthropic/claude-sonnet-4")
    }
  }

  @Test func allModelsDownGives503WithTheTraceInDetail() async throws {
    try await EmulatorHarness.with { h in
      try await h.setFaults([
        "models": ["openai/gpt-4o": ["status": 500], "gcp/gemini-2.5-flash": ["status": 429]]
      ])
      let reply = try await call(h, ["name": "t", "model": ["openai/gpt-4o", "gcp/gemini-2.5-flash"]])
      #expect(reply.status == 503)
      #expect(reply.json?["type"] == "ServiceUnavailableError")
      let spanId = try #require(reply.json?["detail"]?["span_id"]?.stringValue)
      let trace = try await trace(h, spanId: spanId)
      #expect(trace.status == "error")
      #expect(generations(trace).allSatisfy { $0.error != nil })
      #expect(generations(trace).count == 2)
    }
  }

  @Test func aliasCallFollowsItsChainAndUnknownModelIs400() async throws {
    try await EmulatorHarness.with { h in
      _ = try await h.createAlias(
        "sonnet4", ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4", "gcp/claude-sonnet-4"])
      try await h.setFaults([
        "models": [
          "aws/claude-sonnet-4-eu": ["status": 503], "anthropic/claude-sonnet-4": ["consecutive": 1],
        ]
      ])
      let response = try await call(h, ["name": "t", "model": "sonnet4", "input": "hi"]).decode(
        CallResponse.self)
      let first = try await trace(h, spanId: response.spanId)
      #expect(
        generations(first).map(\.data?.model) == [
          "aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4", "gcp/claude-sonnet-4",
        ])
      let second = try await call(h, ["name": "t", "model": "sonnet4", "input": "hi"]).decode(
        CallResponse.self)
      #expect(generations(try await trace(h, spanId: second.spanId)).count == 2)

      let unknown = try await call(h, ["name": "t", "model": "openai/gpt-4oo"])
      #expect(unknown.status == 400)
      #expect(unknown.json?["message"]?.stringValue?.contains("openai/gpt-4o") == true)
      #expect(try await call(h, ["model": "openai/gpt-4o"]).status == 422)
      #expect(try await h.send(.get, "/v2/spans/nope").status == 404)
      #expect(try await h.send(.get, "/v2/traces/nope").status == 404)
    }
  }

  @Test func outputSchemaPayloadConformsAndMalformedOutputShowsParseRetries() async throws {
    try await EmulatorHarness.with { h in
      let schema: JSONValue = [
        "type": "object", "required": ["summary", "score", "tags", "mood", "inner"],
        "properties": [
          "summary": ["type": "string"], "score": ["type": "integer", "minimum": 3, "maximum": 5],
          "tags": ["type": "array", "items": ["type": "string"], "minItems": 2],
          "mood": ["enum": ["happy", "sad"]],
          "inner": ["type": "object", "properties": ["ok": ["type": "boolean"]], "required": ["ok"]],
        ],
      ]
      try await h.setFaults(["models": ["openai/gpt-4o": ["malformed_output": 2]]])
      let reply = try await call(
        h,
        [
          "name": "s", "model": "openai/gpt-4o", "input": ["text": "Opper answers"], "output_schema": schema,
        ])
      #expect(reply.status == 200)
      let payload = try #require(try reply.decode(CallResponse.self).jsonPayload)
      #expect(payload["summary"]?.stringValue?.contains("Opper answers") == true)
      #expect(payload["score"] == 3)
      #expect(payload["tags"]?.arrayValue?.count == 2)
      #expect(payload["mood"] == "happy")
      #expect(payload["inner"]?["ok"] == true)
      let attempts = generations(try await trace(h, spanId: try reply.decode(CallResponse.self).spanId))
      #expect(attempts.count == 3)
      #expect(attempts.map { $0.meta?["parse_attempt"] } == [1, 2, 3])
      #expect(attempts.prefix(2).allSatisfy { $0.error?.stringValue?.contains("ParseError") == true })

      try await h.setFaults(["models": ["openai/gpt-4o": ["malformed_output": 5]]])
      let fallback = try await call(
        h,
        [
          "name": "s", "model": ["openai/gpt-4o", "openai/gpt-4o-mini"], "output_schema": schema,
          "configuration": ["invocation.structured_generation.max_attempts": 2],
        ])
      let models = generations(try await trace(h, spanId: try fallback.decode(CallResponse.self).spanId)).map(
        \.data?.model)
      #expect(models == ["openai/gpt-4o", "openai/gpt-4o", "openai/gpt-4o-mini"])
    }
  }

  @Test func schemaGeneratorHandlesRefsAndNullableTypes() {
    let schema: JSONValue = [
      "$defs": [
        "item": [
          "type": "object", "properties": ["n": ["type": "number", "exclusiveMinimum": 1]], "required": ["n"],
        ]
      ],
      "type": "object",
      "properties": [
        "items": ["type": "array", "items": ["$ref": "#/$defs/item"]],
        "maybe": ["type": ["string", "null"], "maxLength": 2],
        "choice": ["anyOf": [["type": "null"], ["type": "integer"]]],
      ],
    ]
    let value = SchemaValueGenerator(root: schema, text: "hello").value()
    #expect((value["items"]?.arrayValue?.first?["n"]?.doubleValue ?? 0) > 1)
    #expect(value["maybe"] == "he")
    #expect(value["choice"] == 1)
  }
}
