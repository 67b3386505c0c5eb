import Foundation
import OpalCore
import OpperAPI
import Testing

@testable import OpperEmulator

@Suite struct AliasEndpointTests {
  @Test func createReadUpdateDeleteWithEveryStatus() async throws {
    try await EmulatorHarness.with { h in
      let alias = try await h.createAlias(
        "production/main", ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4"], description: "main")
      #expect(alias.fallbackModels == ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4"])

      let again = try await h.post(
        "/v2/models/aliases", AliasCreate(name: "production/main", fallbackModels: ["openai/gpt-4o"]))
      #expect(again.status == 409)
      #expect(again.json?["type"] == "ConflictError")

      let byId = try await h.send(.get, "/v2/models/aliases/\(alias.id)")
      #expect(byId.status == 200)
      #expect(try byId.decode(Alias.self) == alias)

      let byName = try await h.send(.get, "/v2/models/aliases/by-name/production%2Fmain")
      #expect(byName.status == 200)
      #expect(try byName.decode(Alias.self).id == alias.id)
      #expect(try await h.send(.get, "/v2/models/aliases/by-name/production%2Fnone").status == 404)

      let renamed = try await h.send(
        .patch, "/v2/models/aliases/\(alias.id)", json: ["name": "production/primary", "description": .null])
      #expect(renamed.status == 200)
      let updated = try renamed.decode(Alias.self)
      #expect(updated.name == "production/primary")
      #expect(updated.description == nil)
      #expect(updated.fallbackModels == alias.fallbackModels)
      #expect(try await h.send(.get, "/v2/models/aliases/by-name/production%2Fmain").status == 404)

      let keepDescription = try await h.send(
        .patch, "/v2/models/aliases/\(alias.id)", json: ["fallback_models": ["openai/gpt-4o"]])
      #expect(try keepDescription.decode(Alias.self).fallbackModels == ["openai/gpt-4o"])

      _ = try await h.createAlias("taken", ["openai/gpt-4o"])
      let clash = try await h.send(.patch, "/v2/models/aliases/\(alias.id)", json: ["name": "taken"])
      #expect(clash.status == 409)

      #expect(try await h.send(.patch, "/v2/models/aliases/nope", json: ["name": "x"]).status == 404)
      #expect(try await h.send(.get, "/v2/models/aliases/nope").status == 404)

      let deleted = try await h.send(.delete, "/v2/models/aliases/\(alias.id)")
      #expect(deleted.status == 204)
      #expect(deleted.text.isEmpty)
      #expect(try await h.send(.delete, "/v2/models/aliases/\(alias.id)").status == 404)
      #expect(try await h.send(.get, "/v2/models/aliases/\(alias.id)").status == 404)
    }
  }

  @Test func badBodiesAnswer422InFastAPIShape() async throws {
    try await EmulatorHarness.with { h in
      let missing = try await h.send(
        .post, "/v2/models/aliases", json: ["fallback_models": ["openai/gpt-4o"]])
      #expect(missing.status == 422)
      #expect(missing.json?["type"] == "RequestValidationError")
      #expect(missing.json?["message"]?.stringValue != nil)
      let detail = missing.json?["detail"]?.arrayValue ?? []
      #expect(detail.first?["loc"] == ["body", "name"])
      #expect(detail.first?["type"] == "missing")

      let cases: [(JSONValue, JSONValue, String)] = [
        (["name": "", "fallback_models": ["openai/gpt-4o"]], ["body", "name"], "string_too_short"),
        (
          ["name": .string(String(repeating: "a", count: 256)), "fallback_models": ["openai/gpt-4o"]],
          ["body", "name"], "string_too_long"
        ),
        (["name": 5, "fallback_models": ["openai/gpt-4o"]], ["body", "name"], "string_type"),
        (["name": "a", "fallback_models": []], ["body", "fallback_models"], "too_short"),
        (["name": "a", "fallback_models": "openai/gpt-4o"], ["body", "fallback_models"], "list_type"),
        (
          [
            "name": "a", "fallback_models": ["openai/gpt-4o"],
            "description": .string(String(repeating: "d", count: 1001)),
          ], ["body", "description"], "string_too_long"
        ),
      ]
      for (body, loc, type) in cases {
        let reply = try await h.send(.post, "/v2/models/aliases", json: body)
        #expect(reply.status == 422, "\(body.canonicalJSON)")
        let first = reply.json?["detail"]?.arrayValue?.first
        #expect(first?["loc"] == loc, "\(body.canonicalJSON)")
        #expect(first?["type"] == .string(type), "\(body.canonicalJSON)")
      }
      let notJSON = try await h.send(.post, "/v2/models/aliases", raw: "{nope")
      #expect(notJSON.status == 422)
      let okLimits = try await h.send(
        .post, "/v2/models/aliases",
        json: [
          "name": .string(String(repeating: "a", count: 255)), "fallback_models": ["openai/gpt-4o"],
          "description": .string(String(repeating: "d", count: 1000)),
        ])
      #expect(okLimits.status == 200)
    }
  }

  @Test func chainEntriesMustBeModelsWithDidYouMean() async throws {
    try await EmulatorHarness.with { h in
      let typo = try await h.post(
        "/v2/models/aliases",
        AliasCreate(name: "a", fallbackModels: ["openai/gpt-4o", "anthropic/claude-sonet-4"]))
      #expect(typo.status == 400)
      #expect(typo.json?["type"] == "BadRequestError")
      #expect(typo.json?["message"]?.stringValue?.contains("anthropic/claude-sonnet-4") == true)
      #expect(typo.json?["detail"]?.arrayValue?.first?["loc"] == ["body", "fallback_models", 1])

      _ = try await h.createAlias("inner", ["openai/gpt-4o"])
      let nested = try await h.post(
        "/v2/models/aliases", AliasCreate(name: "outer", fallbackModels: ["inner"]))
      #expect(nested.status == 400)
      #expect(nested.json?["message"]?.stringValue?.contains("alias") == true)

      let custom = try await h.send(
        .post, "/v2/models/custom",
        json: ["name": "my-llm", "identifier": "openai/my-ft", "api_key": "secret"])
      #expect(custom.status == 200)
      #expect(custom.json?["api_key"] == nil)
      #expect(custom.text.contains("secret") == false)
      _ = try await h.createAlias("mixed", ["my-llm", "openai/gpt-4o"])

      let patchBad = try await h.send(
        .patch, "/v2/models/aliases/\(try await h.createAlias("p", ["openai/gpt-4o"]).id)",
        json: ["fallback_models": ["openai/gpt-4"]])
      #expect(patchBad.status == 400)
    }
  }

  @Test func wrongOrMissingKeyIs401OnEveryRoute() async throws {
    try await EmulatorHarness.with { h in
      for path in ["/v2/models/aliases", "/v2/models", "/v2/models/custom", "/v2/traces/x", "/v2/nothing"] {
        #expect(try await h.send(.get, path, key: "wrong").status == 401, "\(path)")
        let missing = try await h.send(.get, path, key: nil)
        #expect(missing.status == 401, "\(path)")
        #expect(missing.json?["type"] == "UnauthorizedError")
      }
      #expect(try await h.send(.get, "/v2/models").status == 200)
    }
    try await EmulatorHarness.with(EmulatorConfiguration(apiKey: nil)) { (h: EmulatorHarness) async throws in
      #expect(try await h.send(.get, "/v2/models", key: "anything").status == 200)
      #expect(try await h.send(.get, "/v2/models", key: nil).status == 401)
    }
  }

  @Test func listsPageInCreationOrder() async throws {
    try await EmulatorHarness.with { h in
      var ids: [String] = []
      for i in 0..<7 { ids.append(try await h.createAlias("alias-\(i)", ["openai/gpt-4o"]).id) }
      #expect(try await h.send(.delete, "/v2/models/aliases/\(ids[2])").status == 204)
      ids.remove(at: 2)
      let page = try await h.send(.get, "/v2/models/aliases?offset=2&limit=3").decode(Page<Alias>.self)
      #expect(page.meta.totalCount == 6)
      #expect(page.data.map(\.id) == Array(ids[2..<5]))
      let all = try await h.send(.get, "/v2/models/aliases").decode(Page<Alias>.self)
      #expect(all.data.map(\.id) == ids)
      let past = try await h.send(.get, "/v2/models/aliases?offset=50").decode(Page<Alias>.self)
      #expect(past.data.isEmpty && past.meta.totalCount == 6)
      for bad in ["limit=0", "limit=1001", "limit=x", "offset=-1"] {
        let reply = try await h.send(.get, "/v2/models/aliases?\(bad)")
        #expect(reply.status == 422, "\(bad)")
        #expect(reply.json?["detail"]?.arrayValue?.first?["loc"]?.arrayValue?.first == "query")
      }
      let models = try await h.send(.get, "/v2/models?limit=5").decode(Page<LanguageModel>.self)
      #expect(models.data.count == 5)
      #expect(models.meta.totalCount == DefaultCatalog.models.count)
    }
  }
}
