import Foundation
import OpalCore
import OpperAPI
import Testing

@testable import OpperEmulator

/// The emulator's custom models (SPEC §15): a key is taken and never returned by any endpoint
/// (only `/_emulator/custom-model-keys` tells tests what arrived), and a custom model in an
/// alias's chain answers `/call` like a model and can be faulted by name like one.
@Suite struct CustomModelEndpointTests {
  static let key = "canary-emulator-2b8d"

  @Test func aKeyIsRecordedForTestsAndNeverReturned() async throws {
    try await EmulatorHarness.with { h in
      let created = try await h.post(
        "/v2/models/custom",
        CustomModelCreate(
          name: "acme/llama", identifier: "fireworks/llama", extra: ["a": 1], apiKey: Self.key))
      #expect(created.status == 200)
      let model = try created.decode(CustomModel.self)
      let rotate = try await h.send(
        .patch, "/v2/models/custom/\(model.id)", json: ["api_key": .string(Self.key + "-2")])
      #expect(rotate.status == 200)
      var answers = [created.text, rotate.text]
      for path in [
        "/v2/models/custom", "/v2/models/custom/\(model.id)", "/v2/models/custom/by-name/acme%2Fllama",
      ] {
        let reply = try await h.send(.get, path)
        #expect(reply.status == 200, "\(path)")
        answers.append(reply.text)
      }
      for text in answers { #expect(!text.contains("canary-emulator"), "\(text)") }
      let keys = try await h.send(.get, "/_emulator/custom-model-keys", key: nil)
      #expect(keys.json == ["acme/llama": .string(Self.key + "-2")])
      #expect(try await h.send(.delete, "/v2/models/custom/\(model.id)").status == 204)
      #expect(try await h.send(.get, "/_emulator/custom-model-keys", key: nil).json == [:])
    }
  }

  @Test func aCustomModelInAChainAnswersAndIsFaultedByName() async throws {
    try await EmulatorHarness.with { h in
      let created = try await h.post(
        "/v2/models/custom", CustomModelCreate(name: "acme/llama", identifier: "fireworks/llama"))
      #expect(created.status == 200)
      _ = try await h.createAlias("chat", ["acme/llama", "openai/gpt-4o-mini"])
      let body: JSONValue = ["name": "t", "model": "chat", "input": "hello"]
      let served = try await h.send(.post, "/v2/call", json: body).decode(CallResponse.self)
      let first = try await h.send(.get, "/v2/spans/\(served.spanId)").decode(Span.self)
      let trace = try await h.send(.get, "/v2/traces/\(first.traceId)").decode(Trace.self)
      #expect(trace.spans.filter { $0.type == "generation" }.map { $0.data?.model } == ["acme/llama"])

      try await h.setFaults(["models": ["acme/llama": ["status": 503]]])
      let fallback = try await h.send(.post, "/v2/call", json: body).decode(CallResponse.self)
      let span = try await h.send(.get, "/v2/spans/\(fallback.spanId)").decode(Span.self)
      let faulted = try await h.send(.get, "/v2/traces/\(span.traceId)").decode(Trace.self)
      let models = faulted.spans.filter { $0.type == "generation" }.map { $0.data?.model }
      #expect(models == ["acme/llama", "openai/gpt-4o-mini"], "\(models)")
    }
  }
}
