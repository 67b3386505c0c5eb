import OpalCore
import OpalTestSupport
import Testing

@testable import OpperAPI

@Suite struct CatalogAndCallTests {
  @Test func theCatalogReadsTheSameAtAnyPageSize() async throws {
    try await withEmulator(configure: { $0.pageSize = 7 }) { server, client in
      let paged = try await client.listModels()
      #expect(paged.count > 20)
      #expect(paged.contains { $0.name == "openai/gpt-4o" })
      #expect(Set(paged.map(\.name)).count == paged.count)
      let expectedPages = (paged.count + 6) / 7
      #expect(await seenExactly(server, "GET /v2/models") == expectedPages)

      let whole = OpperClient(
        configuration: .init(
          baseURL: client.configuration.baseURL, apiKey: testKey, pageSize: 1000))
      let single = try await whole.listModels()
      await whole.shutdown()
      #expect(single == paged)
      #expect(await seenExactly(server, "GET /v2/models") == expectedPages + 1)
    }
  }

  @Test func everyCustomModelOperationRoundTrips() async throws {
    try await withEmulator { _, client in
      let created = try await client.createCustomModel(
        CustomModelCreate(
          name: "my-llama", identifier: "openai/llama-3-70b",
          extra: ["api_base": .string("https://llm.example.com")], apiKey: "provider-secret"))
      #expect(created.name == "my-llama")
      #expect(created.extra["api_base"] == .string("https://llm.example.com"))
      #expect(try await client.customModel(id: created.id) == created)
      #expect(try await client.customModel(named: "my-llama") == created)
      #expect(try await client.listCustomModels() == [created])

      let updated = try await client.updateCustomModel(
        id: created.id, CustomModelUpdate(identifier: "openai/llama-3-8b"))
      #expect(updated.identifier == "openai/llama-3-8b")
      #expect(updated.name == "my-llama")

      let taken = await #expect(throws: OpperAPIError.self) {
        try await client.createCustomModel(CustomModelCreate(name: "my-llama", identifier: "x/y"))
      }
      #expect(taken?.status == 409)

      try await client.deleteCustomModel(id: created.id)
      #expect(try await client.customModel(id: created.id) == nil)
      #expect(try await client.customModel(named: "my-llama") == nil)
      #expect(try await client.listCustomModels().isEmpty)
      let gone = await #expect(throws: OpperAPIError.self) {
        try await client.deleteCustomModel(id: created.id)
      }
      #expect(gone?.status == 404)
    }
  }

  @Test func aCallEchoesItsInputAndIsTraced() async throws {
    try await withEmulator { _, client in
      let response = try await client.call(
        CallRequest(
          name: "greet", instructions: "Say hello", input: .string("hello opal world"),
          model: .name("openai/gpt-4o")))
      #expect(response.message?.contains("hello opal world") == true)
      #expect(!response.spanId.isEmpty)

      let span = try await client.span(id: response.spanId)
      #expect(span.id == response.spanId)
      let trace = try await client.trace(id: span.traceId)
      #expect(trace.id == span.traceId)
      #expect(trace.spans.contains { $0.data?.model == "openai/gpt-4o" })
    }
  }

  @Test func aCallThroughAListWithAFaultedFirstModelIsServedBySecond() async throws {
    let faults = #"{"models": {"openai/gpt-4o": {"status": 503}}}"#
    try await withEmulator(faults: faults) { _, client in
      let response = try await client.call(
        CallRequest(
          name: "fallback", input: .string("ping"),
          model: .list([ModelSpec(name: "openai/gpt-4o"), ModelSpec(name: "anthropic/claude-sonnet-4")])))
      let span = try await client.span(id: response.spanId)
      let trace = try await client.trace(id: span.traceId)
      let models = trace.spans.compactMap { $0.data?.model }
      #expect(models.contains("openai/gpt-4o"))
      #expect(models.contains("anthropic/claude-sonnet-4"))
      #expect(trace.spans.contains { $0.data?.model == "openai/gpt-4o" && $0.error != nil })
    }
  }

  @Test func theServingReadsKeepWhatSaysWhoServedAndDropTheInputs() async throws {
    let faults = #"{"models": {"openai/gpt-4o": {"status": 503}}}"#
    try await withEmulator(faults: faults) { _, client in
      let response = try await client.call(
        CallRequest(
          name: "fallback", input: .string("ping"),
          model: .list([ModelSpec(name: "openai/gpt-4o"), ModelSpec(name: "anthropic/claude-sonnet-4")])))
      let span = try await client.span(id: response.spanId)
      let lean = try await client.servingSpan(id: response.spanId)
      #expect(lean.id == span.id)
      #expect(lean.traceId == span.traceId)
      let trace = try await client.trace(id: span.traceId)
      let servingTrace = try await client.servingTrace(id: span.traceId)
      #expect(servingTrace.id == trace.id)
      #expect(servingTrace.spans.map(\.id) == trace.spans.map(\.id))
      #expect(servingTrace.spans.map(\.type) == trace.spans.map(\.type))
      #expect(servingTrace.spans.map(\.startTime) == trace.spans.map(\.startTime))
      #expect(servingTrace.spans.map(\.error) == trace.spans.map(\.error))
      #expect(servingTrace.spans.map(\.meta) == trace.spans.map(\.meta))
      #expect(servingTrace.spans.map { $0.data?.model } == trace.spans.map { $0.data?.model })
      #expect(trace.spans.contains { $0.error != nil })  // the failed first model is in both
      #expect(servingTrace.spans.allSatisfy { $0.data?.input == nil && $0.data?.output == nil })
      #expect(trace.spans.contains { $0.data?.input != nil || $0.data?.output != nil })
    }
  }

  @Test func aCallWithAnOutputSchemaReturnsAJSONPayload() async throws {
    try await withEmulator { _, client in
      let schema: JSONValue = .object([
        "type": .string("object"),
        "properties": .object(["answer": .object(["type": .string("string")])]),
        "required": .array([.string("answer")]),
      ])
      let response = try await client.call(
        CallRequest(
          name: "structured", input: .string("q"), outputSchema: schema,
          model: .spec(ModelSpec(name: "openai/gpt-4o-mini", options: ["temperature": .number(0.2)]))))
      #expect(response.jsonPayload?["answer"]?.stringValue != nil)
    }
  }

  @Test func unknownSpansAndTracesAre404() async throws {
    try await withEmulator { _, client in
      let span = await #expect(throws: OpperAPIError.self) { try await client.span(id: "missing") }
      #expect(span?.status == 404)
      let trace = await #expect(throws: OpperAPIError.self) { try await client.trace(id: "missing") }
      #expect(trace?.status == 404)
    }
  }
}
