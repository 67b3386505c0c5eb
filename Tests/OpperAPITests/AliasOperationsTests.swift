import OpalTestSupport
import Testing

@testable import OpperAPI

@Suite struct AliasOperationsTests {
  @Test func everyAliasOperationRoundTrips() async throws {
    try await withEmulator { server, client in
      let created = try await client.createAlias(
        AliasCreate(
          name: "production/main", fallbackModels: ["openai/gpt-4o", "anthropic/claude-sonnet-4"],
          description: "main chain"))
      #expect(created.name == "production/main")
      #expect(created.fallbackModels == ["openai/gpt-4o", "anthropic/claude-sonnet-4"])
      #expect(created.description == "main chain")
      #expect(!created.id.isEmpty)

      #expect(try await client.alias(id: created.id) == created)
      #expect(try await client.alias(named: "production/main") == created)
      #expect(try await client.listAliases() == [created])

      let reordered = try await client.updateAlias(
        id: created.id,
        AliasUpdate(fallbackModels: ["anthropic/claude-sonnet-4", "openai/gpt-4o"], description: .some(nil)))
      #expect(reordered.fallbackModels == ["anthropic/claude-sonnet-4", "openai/gpt-4o"])
      #expect(reordered.description == nil)
      #expect(reordered.name == "production/main")

      let renamed = try await client.updateAlias(id: created.id, AliasUpdate(name: "production/primary"))
      #expect(renamed.name == "production/primary")
      #expect(renamed.fallbackModels == reordered.fallbackModels)
      #expect(try await client.alias(named: "production/main") == nil)
      #expect(try await client.alias(named: "production/primary")?.id == created.id)

      try await client.deleteAlias(id: created.id)
      #expect(try await client.alias(id: created.id) == nil)
      #expect(try await client.listAliases().isEmpty)
      #expect(await seen(server, "DELETE /v2/models/aliases/") == 1)
    }
  }

  @Test func deletingAMissingAliasThrows404ForTheCallerToJudge() async throws {
    try await withEmulator { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.deleteAlias(id: "nope") }
      #expect(error?.status == 404)
      #expect(error?.attempts == 1)
      #expect(error?.mayHaveLanded == false)
    }
  }

  @Test func updatingAMissingAliasIs404() async throws {
    try await withEmulator { _, client in
      let error = await #expect(throws: OpperAPIError.self) {
        try await client.updateAlias(id: "nope", AliasUpdate(description: .some("x")))
      }
      guard case .http(404, let type, _) = error?.kind else {
        Issue.record("expected 404, got \(String(describing: error))")
        return
      }
      #expect(type == "NotFoundError")
      #expect(error?.method == "PATCH")
      #expect(error?.path == "/models/aliases/nope")
    }
  }

  @Test func creatingATakenNameIs409AndNotRetried() async throws {
    try await withEmulator { server, client in
      let body = AliasCreate(name: "dup", fallbackModels: ["openai/gpt-4o"])
      _ = try await client.createAlias(body)
      let error = await #expect(throws: OpperAPIError.self) { try await client.createAlias(body) }
      guard case .http(409, let type, _) = error?.kind else {
        Issue.record("expected 409, got \(String(describing: error))")
        return
      }
      #expect(type == "ConflictError")
      #expect(error?.mayHaveLanded == false)
      #expect(error?.attempts == 1)
      #expect(await seenExactly(server, "POST /v2/models/aliases") == 2)
    }
  }

  @Test func anInvalidBodyIs422WithTheFieldNamed() async throws {
    try await withEmulator { _, client in
      let error = await #expect(throws: OpperAPIError.self) {
        try await client.createAlias(AliasCreate(name: "", fallbackModels: ["openai/gpt-4o"]))
      }
      guard case .http(422, let type, let message) = error?.kind else {
        Issue.record("expected 422, got \(String(describing: error))")
        return
      }
      #expect(type == "RequestValidationError")
      #expect(message.contains("name"))
      #expect(error?.attempts == 1)
    }
  }

  @Test func aChainEntryNotInTheCatalogIs400() async throws {
    try await withEmulator { _, client in
      let error = await #expect(throws: OpperAPIError.self) {
        try await client.createAlias(AliasCreate(name: "x", fallbackModels: ["openai/gpt-4o-typo"]))
      }
      #expect(error?.status == 400)
      #expect(error?.description.contains("openai/gpt-4o-typo") == true)
    }
  }

  @Test func aWrongKeyIs401AndNeverShown() async throws {
    let wrongKey = "sk-wrong-91be0cKEY"
    try await withEmulator(configure: { $0.apiKey = wrongKey }) { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      guard case .http(401, let type, _) = error?.kind else {
        Issue.record("expected 401, got \(String(describing: error))")
        return
      }
      #expect(type == "UnauthorizedError")
      #expect(error?.attempts == 1)
      if let error {
        #expect(!allRenderings(error).contains(wrongKey))
        #expect(!allRenderings(error).contains(testKey))
      }
    }
  }

  @Test func noKeyAtAllIs401() async throws {
    try await withEmulator(configure: { $0.apiKey = nil }) { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.alias(named: "x") }
      #expect(error?.status == 401)
    }
  }
}
