import Foundation
import OpalCore
import OpperAPI
import Testing

@testable import OpperEmulator

@Suite struct FaultInjectionTests {
  @Test func consecutiveFailuresThenRecovery() async throws {
    try await EmulatorHarness.with { h in
      let alias = try await h.createAlias("a", ["openai/gpt-4o"])
      try await h.setFaults(["endpoints": ["PATCH /models/aliases/*": ["consecutive": 2, "status": 500]]])
      var statuses: [Int] = []
      for _ in 0..<3 {
        statuses.append(
          try await h.send(.patch, "/v2/models/aliases/\(alias.id)", json: ["description": "x"]).status)
      }
      #expect(statuses == [500, 500, 200])
      #expect(await h.server.requestCounts()["PATCH /v2/models/aliases/\(alias.id)"] == 3)
    }
  }

  @Test func tooManyRequestsCarriesRetryAfter() async throws {
    try await EmulatorHarness.with { h in
      try await h.setFaults(["endpoints": ["GET /models": ["status": 429, "retry_after_s": 2]]])
      let reply = try await h.send(.get, "/v2/models")
      #expect(reply.status == 429)
      #expect(reply.headers[.init("Retry-After")!] == "2")
      #expect(reply.json?["type"] == "TooManyRequestsError")
      #expect(try await h.send(.get, "/v2/models/aliases").status == 200)
    }
  }

  @Test func dropClosesTheConnectionWithoutAResponse() async throws {
    try await EmulatorHarness.with { h in
      try await h.setFaults(["endpoints": ["DELETE /models/aliases/*": ["drop": true]]])
      let alias = try await h.createAlias("kept", ["openai/gpt-4o"])
      await #expect(throws: (any Error).self) {
        _ = try await h.send(.delete, "/v2/models/aliases/\(alias.id)")
      }
      #expect(await h.server.requestCounts()["DELETE /v2/models/aliases/\(alias.id)"] == 1)
      #expect(try await h.send(.get, "/v2/models/aliases/\(alias.id)").status == 200)
    }
  }

  @Test func loseResponseDoesTheWorkThenDrops() async throws {
    try await EmulatorHarness.with { h in
      try await h.setFaults(["endpoints": ["POST /models/aliases": [["lose_response": true]]]])
      await #expect(throws: (any Error).self) {
        _ = try await h.post(
          "/v2/models/aliases", AliasCreate(name: "landed", fallbackModels: ["openai/gpt-4o"]))
      }
      #expect(try await h.send(.get, "/v2/models/aliases/by-name/landed").status == 200)
    }
  }

  @Test func seededRateRepeatsAndControlEndpointsIgnoreKeyAndFaults() async throws {
    try await EmulatorHarness.with { h in
      let plan: JSONValue = [
        "seed": 7, "endpoints": ["GET /models": ["status": 500, "rate": 0.5], "*": ["latency_ms": 1]],
      ]
      var runs: [[Int]] = []
      for _ in 0..<2 {
        try await h.setFaults(plan)
        var statuses: [Int] = []
        for _ in 0..<16 { statuses.append(try await h.send(.get, "/v2/models").status) }
        runs.append(statuses)
      }
      #expect(runs[0] == runs[1])
      #expect(Set(runs[0]) == [200, 500])

      try await h.setFaults(["endpoints": ["*": ["status": 503]]])
      let current = try await h.send(.get, "/_emulator/faults", key: nil)
      #expect(current.status == 200)
      #expect(current.json?["endpoints"]?["*"]?["status"] == 503)
      #expect(try await h.send(.get, "/v2/models").status == 503)
      #expect(try await h.send(.delete, "/_emulator/faults", key: nil).status == 204)
      #expect(try await h.send(.get, "/v2/models").status == 200)
      let bad = try await h.send(
        .post, "/_emulator/faults", json: ["models": ["x": ["stauts": 500]]], key: nil)
      #expect(bad.status == 400)
      #expect(bad.json?["message"]?.stringValue?.contains("status") == true)
    }
  }

  @Test func latencyDoesNotBlockOtherRequests() async throws {
    try await EmulatorHarness.with { h in
      // Long enough that a loaded machine answers the fast request well before it (at 2500 ms a
      // CI machine once did not), and short enough that the slow one still answers inside the
      // harness client's 30 s timeout.
      try await h.setFaults(["endpoints": ["GET /models/custom": ["latency_ms": 10_000]]])
      let slow = Task { try await h.send(.get, "/v2/models/custom").status }
      try await Task.sleep(for: .milliseconds(100))
      #expect(try await h.send(.get, "/v2/models").status == 200)
      #expect(await h.server.requestCounts()["GET /v2/models/custom"] == 1)
      let slowFinishedEarly = await Task { () -> Bool in
        // The slow request is still sleeping: the fast one above was not queued behind it.
        await withTaskGroup(of: Bool.self) { group in
          group.addTask {
            _ = try? await slow.value; return true
          }
          group.addTask {
            try? await Task.sleep(for: .milliseconds(50)); return false
          }
          let first = await group.next() ?? false
          group.cancelAll()
          return first
        }
      }.value
      #expect(slowFinishedEarly == false)
      #expect(try await slow.value == 200)
    }
  }

  @Test func faultsFileInYAMLMatchesTheSpecExample() throws {
    let yaml = """
      seed: 7
      models:
        aws/claude-sonnet-4-eu: {status: 503, rate: 1.0}
        gcp/claude-sonnet-4: {latency_ms: 200}
        openai/gpt-4o: {malformed_output: 2}
      endpoints:
        "POST /models/aliases":
          - {status: 429, rate: 0.2, retry_after_s: 1}
          - {lose_response: true, rate: 0.1}
        "PATCH /models/aliases/*": {consecutive: 2, status: 500}
        "DELETE /models/aliases/*": {drop: true, rate: 0.1}
        "*": {latency_ms: 50}
      """
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("faults-\(UUID()).yaml").path
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let plan = try FaultPlan.load(path: path)
    #expect(plan.seed == 7)
    #expect(plan.models["openai/gpt-4o"]?.malformedOutput == 2)
    #expect(plan.endpoints["POST /models/aliases"]?.faults.count == 2)
    #expect(plan.endpoints["POST /models/aliases"]?.faults[0].retryAfterS == 1)
    #expect(plan.endpoints["PATCH /models/aliases/*"]?.faults.first?.consecutive == 2)
    #expect(plan.endpoints["*"]?.faults.first?.latencyMs == 50)

    try "models: {a: {rate: 2}}".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: EmulatorFileError.self) { try FaultPlan.load(path: path) }
  }

  @Test func endpointPatternsMatchMethodAndWildcardPath() {
    #expect(
      EndpointPattern("PATCH /models/aliases/*").matches(method: "PATCH", path: "/models/aliases/a%2Fb"))
    #expect(!EndpointPattern("PATCH /models/aliases/*").matches(method: "GET", path: "/models/aliases/x"))
    #expect(!EndpointPattern("POST /models/aliases").matches(method: "POST", path: "/models/aliases/x"))
    #expect(EndpointPattern("*").matches(method: "DELETE", path: "/anything"))
    #expect(EndpointPattern("* /call").matches(method: "POST", path: "/call"))
  }
}

@Suite struct EndpointPatternLiteralsTests {
  @Test func onlyTheStarIsAWildcard() {
    #expect(
      EndpointPattern("GET /models/aliases/by-name/a?b").matches(
        method: "GET", path: "/models/aliases/by-name/a?b"))
    #expect(
      !EndpointPattern("GET /models/aliases/by-name/a?b").matches(
        method: "GET", path: "/models/aliases/by-name/axb"))
    #expect(EndpointPattern("GET /x/[y]").matches(method: "GET", path: "/x/[y]"))
    #expect(EndpointPattern("* /models/*/x").matches(method: "PUT", path: "/models/a/b/x"))
  }
}
