import OpalTestSupport
import OpperEmulator
import Testing

@testable import OpperAPI

/// The retry policy as the emulator sees it: attempts counted on the server side.
@Suite struct FaultRetryTests {
  let chain = ["openai/gpt-4o"]

  @Test func a429WithRetryAfterIsWaitedForThenRetried() async throws {
    let faults = #"""
      {"endpoints": {"GET /models/aliases": {"status": 429, "retry_after_s": 1, "consecutive": 1}}}
      """#
    try await withEmulator(faults: faults) { server, client in
      let clock = ContinuousClock()
      let start = clock.now
      let aliases = try await client.listAliases()
      let elapsed = clock.now - start
      #expect(aliases.isEmpty)
      #expect(await seenExactly(server, "GET /v2/models/aliases") == 2)
      #expect(elapsed >= .milliseconds(950))  // Retry-After: 1 honoured (a lower bound only)
    }
  }

  @Test func consecutive500sThenSuccess() async throws {
    let faults = #"{"endpoints": {"GET /models": {"status": 500, "consecutive": 2}}}"#
    try await withEmulator(faults: faults, configure: { $0.pageSize = 1000 }) { server, client in
      let models = try await client.listModels()
      #expect(!models.isEmpty)
      #expect(await seenExactly(server, "GET /v2/models") == 3)
    }
  }

  @Test func persistentFailureStopsAtMaxAttempts() async throws {
    let faults = #"{"endpoints": {"GET /models": {"status": 502}}}"#
    try await withEmulator(faults: faults, configure: { $0.retry.maxAttempts = 3 }) { server, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listModels() }
      #expect(error?.status == 502)
      #expect(error?.attempts == 3)
      #expect(await seenExactly(server, "GET /v2/models") == 3)
    }
  }

  @Test func noRetryPolicyMakesOneAttempt() async throws {
    let faults = #"{"endpoints": {"GET /models": {"status": 503}}}"#
    try await withEmulator(faults: faults, configure: { $0.retry = .none }) { server, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listModels() }
      #expect(error?.attempts == 1)
      #expect(await seenExactly(server, "GET /v2/models") == 1)
    }
  }

  @Test func aDroppedGETIsATransportErrorAndIsRetried() async throws {
    let faults = #"{"endpoints": {"GET /models/aliases": {"drop": true, "consecutive": 1}}}"#
    try await withEmulator(faults: faults) { server, client in
      let aliases = try await client.listAliases()
      #expect(aliases.isEmpty)
      #expect(await seenExactly(server, "GET /v2/models/aliases") == 2)
    }
    try await withEmulator(faults: faults, configure: { $0.retry = .none }) { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      guard case .transport = error?.kind else {
        Issue.record("expected a transport error, got \(String(describing: error))")
        return
      }
    }
  }

  @Test func aDroppedCreateMayHaveLandedAndIsNotRepeated() async throws {
    let faults = #"{"endpoints": {"POST /models/aliases": {"drop": true, "consecutive": 1}}}"#
    try await withEmulator(faults: faults) { server, client in
      let error = await #expect(throws: OpperAPIError.self) {
        try await client.createAlias(AliasCreate(name: "dropped", fallbackModels: chain))
      }
      #expect(error?.mayHaveLanded == true)
      #expect(error?.attempts == 1)
      #expect(await seenExactly(server, "POST /v2/models/aliases") == 1)
    }
  }

  @Test func aLostCreateResponseLandedAndIsNotRepeated() async throws {
    let faults = #"{"endpoints": {"POST /models/aliases": {"lose_response": true, "consecutive": 1}}}"#
    try await withEmulator(faults: faults) { server, client in
      let error = await #expect(throws: OpperAPIError.self) {
        try await client.createAlias(AliasCreate(name: "landed", fallbackModels: chain))
      }
      #expect(error?.mayHaveLanded == true)
      #expect(await seenExactly(server, "POST /v2/models/aliases") == 1)
      // It did land: the caller's read by name finds it.
      let landed = try await client.alias(named: "landed")
      #expect(landed?.fallbackModels == chain)
    }
  }

  @Test func a503OnCreateIsNotRetriedBlindly() async throws {
    let faults = #"{"endpoints": {"POST /models/aliases": {"status": 503, "consecutive": 1}}}"#
    try await withEmulator(faults: faults) { server, client in
      let error = await #expect(throws: OpperAPIError.self) {
        try await client.createAlias(AliasCreate(name: "maybe", fallbackModels: chain))
      }
      #expect(error?.status == 503)
      #expect(error?.mayHaveLanded == true)
      #expect(await seenExactly(server, "POST /v2/models/aliases") == 1)
    }
  }

  @Test func a429OnCreateIsRetriedBecauseItDidNotLand() async throws {
    let faults = #"""
      {"endpoints": {"POST /models/aliases": {"status": 429, "retry_after_s": 0, "consecutive": 2}}}
      """#
    try await withEmulator(faults: faults) { server, client in
      let alias = try await client.createAlias(AliasCreate(name: "throttled", fallbackModels: chain))
      #expect(alias.name == "throttled")
      #expect(await seenExactly(server, "POST /v2/models/aliases") == 3)
    }
  }

  @Test func a500OnCallIsNotRetriedBlindly() async throws {
    let faults = #"{"endpoints": {"POST /call": {"status": 500, "consecutive": 1}}}"#
    try await withEmulator(faults: faults) { server, client in
      let error = await #expect(throws: OpperAPIError.self) {
        try await client.call(CallRequest(name: "t", input: .string("x"), model: .name("openai/gpt-4o")))
      }
      #expect(error?.mayHaveLanded == true)
      #expect(await seenExactly(server, "POST /v2/call") == 1)
    }
  }

  @Test func patchIsRetriedThrough500s() async throws {
    try await withEmulator { server, client in
      let alias = try await client.createAlias(AliasCreate(name: "p", fallbackModels: chain))
      await server.setFaults(
        try faultPlan(#"{"endpoints": {"PATCH /models/aliases/*": {"status": 500, "consecutive": 2}}}"#))
      let updated = try await client.updateAlias(id: alias.id, AliasUpdate(description: .some("d")))
      #expect(updated.description == "d")
      #expect(await seen(server, "PATCH /v2/models/aliases/") == 3)
    }
  }

  @Test func aDeleteRetriedAfterALostResponseSurfacesThe404() async throws {
    try await withEmulator { server, client in
      let alias = try await client.createAlias(AliasCreate(name: "d", fallbackModels: chain))
      await server.setFaults(
        try faultPlan(
          #"{"endpoints": {"DELETE /models/aliases/*": {"lose_response": true, "consecutive": 1}}}"#))
      let error = await #expect(throws: OpperAPIError.self) { try await client.deleteAlias(id: alias.id) }
      #expect(error?.status == 404)
      #expect(error?.attempts == 2)
      #expect(error?.mayHaveLanded == true)
      #expect(try await client.alias(id: alias.id) == nil)
    }
  }

  @Test func latencyBeyondTheTimeoutIsATimeoutAndIsRetried() async throws {
    // The timeout covers connecting too: leave room for a second connection on a loaded machine,
    // or the retry times out before it is sent and the server never sees it.
    let faults = #"{"endpoints": {"GET /models/custom": {"latency_ms": 8000}}}"#
    try await withEmulator(faults: faults, configure: {
      $0.timeout = .milliseconds(2000)
      $0.retry.maxAttempts = 2
    }) { server, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listCustomModels() }
      #expect(error?.kind == .timeout)
      #expect(error?.attempts == 2)
      #expect(await seenExactly(server, "GET /v2/models/custom") == 2)
    }
  }

  @Test func cancellationStopsRetrying() async throws {
    let faults = #"{"endpoints": {"GET /models/aliases": {"status": 503, "retry_after_s": 2}}}"#
    try await withEmulator(faults: faults) { server, client in
      let task = Task { () async throws(OpperAPIError) -> [Alias] in try await client.listAliases() }
      // Wait until the first attempt has been answered, then cancel during the back-off.
      var polls = 0
      while await seenExactly(server, "GET /v2/models/aliases") == 0, polls < 500 {
        polls += 1
        try await Task.sleep(for: .milliseconds(10))
      }
      task.cancel()
      let result = await task.result
      guard case .failure(let failure) = result, let error = failure as? OpperAPIError else {
        Issue.record("expected cancellation")
        return
      }
      #expect(error.kind == .cancelled)
      #expect(error.attempts == 1)
      #expect(await seenExactly(server, "GET /v2/models/aliases") == 1)
    }
  }

  @Test func aRefusedConnectionIsRetriedEvenForCreateAndNeverLanded() async throws {
    // Port 1 on loopback: nothing listens, the connection is refused before anything is sent.
    var config = OpperClientConfiguration(baseURL: "http://127.0.0.1:1/v2", apiKey: testKey)
    config.retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5))
    let client = OpperClient(configuration: config)
    let create = await #expect(throws: OpperAPIError.self) {
      try await client.createAlias(AliasCreate(name: "x", fallbackModels: ["openai/gpt-4o"]))
    }
    let get = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
    await client.shutdown()
    for error in [create, get] {
      #expect(error?.attempts == 3)
      #expect(error?.mayHaveLanded == false)
      if let error { #expect(!allRenderings(error).contains(testKey)) }
    }
  }
}
