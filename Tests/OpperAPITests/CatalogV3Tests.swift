import Foundation
import OpalCore
import OpalTestSupport
import OpperEmulator
import Testing

@testable import OpperAPI

/// `GET /v3/models` over real sockets: paged and checked like every list, filtered, with
/// `include=policy`, and in the shape Opper's Python SDK (`opperai` 2.x) reads.
@Suite struct CatalogV3Tests {
  /// The fields of the SDK's `ModelInfo` dataclass, built with `ModelInfo(**row)`: a row with
  /// any other key would make the SDK raise.
  static let sdkModelInfoFields: Set<String> = [
    "id", "name", "type", "provider", "provider_display_name", "model_id", "description",
    "capabilities", "speed", "quality", "cost", "context_window", "params", "pricing", "region",
    "country", "api_type", "retired_at", "successor",
  ]

  @Test func everyPageIsReadAndRetiredRowsAreIncluded() async throws {
    try await withEmulator(configure: { $0.pageSize = 7 }) { server, client in
      let rows = try await client.listCatalog()
      #expect(rows.count == DefaultCatalog.models.count)
      #expect(Set(rows.map(\.id)).count == rows.count)
      #expect(await seenExactly(server, "GET /v3/models") == (rows.count + 6) / 7)
      let retired = rows.filter { ($0.retirementDate ?? .distantFuture) <= Date() }
      #expect(retired.count >= 3)
      #expect(retired.allSatisfy { $0.successor != nil })
      let soon = rows.filter { row in
        guard let d = row.retirementDate else { return false }
        return d > Date() && d < Date().addingTimeInterval(30 * 86_400)
      }
      #expect(soon.count >= 2)
      let sonnet = try #require(rows.first { $0.id == "anthropic/claude-sonnet-4" })
      #expect(sonnet.capabilities.contains("tools"))
      #expect(sonnet.contextWindow == 200_000)
      #expect(sonnet.pricing == CatalogPricing(inputPerMillion: 3, outputPerMillion: 15))
      #expect(sonnet.region == "us" && sonnet.country == "US")
      #expect(sonnet.policy == ModelPolicy(allowed: true))
    }
  }

  @Test func filtersNarrowTheCatalog() async throws {
    try await withEmulator { _, client in
      let anthropic = try await client.listCatalog(CatalogQuery(provider: "anthropic"))
      #expect(!anthropic.isEmpty && anthropic.allSatisfy { $0.provider == "anthropic" })
      let vision = try await client.listCatalog(CatalogQuery(capabilities: ["vision", "pdf"]))
      #expect(!vision.isEmpty && vision.allSatisfy { $0.capabilities.contains("pdf") })
      let live = try await client.listCatalog(CatalogQuery(deprecated: false, includePolicy: false))
      #expect(live.allSatisfy { ($0.retirementDate ?? .distantFuture) > Date() })
      #expect(live.contains { $0.id == "openai/o3" })  // retiring, not yet retired
      #expect(live.allSatisfy { $0.policy == nil })
    }
  }

  @Test func includePolicyMarksBlockedModels() async throws {
    var configuration = EmulatorConfiguration(apiKey: testKey)
    configuration.policy = ModelPolicyRules(rules: [
      .init(pattern: try Glob("xai/*"), blockedBy: "org", reason: "model not allowed under the allowlist")
    ])
    try await withEmulator(configuration: configuration) { _, client in
      let rows = try await client.listCatalog()
      let grok = try #require(rows.first { $0.id == "xai/grok-3" })
      #expect(
        grok.policy
          == ModelPolicy(allowed: false, blockedBy: "org", reason: "model not allowed under the allowlist"))
      #expect(rows.filter { $0.policy?.allowed == false }.allSatisfy { $0.provider == "xai" })
    }
  }

  @Test func theCatalogIsPublicButPolicyNeedsTheKey() async throws {
    try await withEmulator { server, _ in
      let anonymous = OpperClient(
        configuration: .init(baseURL: server.baseURL, apiKey: nil, retry: fastRetry))
      let rows = try await anonymous.listCatalog(CatalogQuery(includePolicy: false))
      #expect(rows.count == DefaultCatalog.models.count)
      // With include=policy refused (401 is not retried without it), the error says so.
      await #expect(throws: OpperAPIError.self) { try await anonymous.listCatalog() }
      await anonymous.shutdown()
    }
  }

  @Test func theDefaultResponseIsWhatTheSDKDataclassAccepts() async throws {
    try await withEmulator { server, client in
      let answer = try await client.send(.GET, "/v3/models?limit=500&deprecated=true", root: .host)
      let doc = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
      #expect(doc?["total"] as? Int == DefaultCatalog.models.count)
      #expect(doc?["offset"] as? Int == 0 && doc?["limit"] as? Int == 500)
      let models = try #require(doc?["models"] as? [[String: Any]])
      for row in models {
        #expect(Set(row.keys).isSubset(of: Self.sdkModelInfoFields), "\(row["id"] ?? "?")")
      }
      #expect(models.contains { ($0["retired_at"] as? String) != nil && ($0["successor"] as? String) != nil })
    }
  }

  @Test func aRetiredModelFailsItsAttemptsNamingTheSuccessor() async throws {
    try await withEmulator { _, client in
      let response = try await client.call(
        CallRequest(
          name: "retired", input: .string("ping"),
          model: .list([ModelSpec(name: "groq/gemma2-9b-it"), ModelSpec(name: "groq/llama-3.1-8b-instant")])))
      let span = try await client.span(id: response.spanId)
      let trace = try await client.trace(id: span.traceId)
      let failed = try #require(
        trace.spans.first { $0.data?.model == "groq/gemma2-9b-it" && $0.error != nil })
      #expect(failed.error?.stringValue?.contains("its successor is 'groq/llama-3.1-8b-instant'") == true)
      // Retiring later still answers.
      _ = try await client.call(CallRequest(name: "soon", input: .string("x"), model: .name("openai/o3")))
      await #expect(throws: OpperAPIError.self) {
        try await client.call(
          CallRequest(name: "alone", input: .string("x"), model: .name("groq/gemma2-9b-it")))
      }
    }
  }

  @Test func anSDKShapedBodyDecodes() throws {
    // A row as the SDK's OpenAPI describes it: tiered prices, a date-time, fields opal ignores.
    let body = """
      {"models": [{"id": "tensorx/moonshotai/kimi-k3", "type": "llm", "provider": "tensorx",
        "provider_display_name": "TensorX", "name": "Kimi K3", "model_id": "moonshotai/kimi-k3",
        "capabilities": ["tools", "json"], "speed": "fast", "cost": 1.5, "quality": "high",
        "context_window": 262144, "description": "d", "aliases": ["kimi-k3"], "featured": true,
        "params": {"default_max_tokens": 4096}, "pricing": {"input": [0.6, 1.2], "output": [2.5],
        "thresholds": [128000]}, "region": "eu", "country": "FI",
        "retired_at": "2026-01-02T03:04:05.678Z", "successor": "tensorx/moonshotai/kimi-k4",
        "compliance": {"residency": "eu"}, "pooled": true, "model": "kimi-k3"}],
       "total": 1, "offset": 0, "limit": 50}
      """
    let page = try JSONDecoder().decode(CatalogPage.self, from: Data(body.utf8))
    let row = try #require(page.models.first)
    #expect(row.id == "tensorx/moonshotai/kimi-k3")
    #expect(row.names == ["tensorx/moonshotai/kimi-k3", "kimi-k3"])
    #expect(row.pricing == CatalogPricing(inputPerMillion: 0.6, outputPerMillion: 2.5))
    #expect(row.contextWindow == 262_144 && row.country == "FI")
    #expect(row.retirementDate.map(CatalogDate.day) == "2026-01-02")
    #expect(row.successor == "tensorx/moonshotai/kimi-k4")
    // The least a row can be: an id. Per-token prices are read as such.
    let bare = try JSONDecoder().decode(
      CatalogModel.self, from: Data(#"{"id": "a/b", "pricing": {"input": 0.000003, "output": 1.5e-5}}"#.utf8))
    #expect(bare.provider == "a" && bare.capabilities.isEmpty)
    #expect(bare.pricing?.inputPerMillion.map { ($0 * 1000).rounded() / 1000 } == 3)
    #expect(bare.retirementDate == nil)
  }
}
