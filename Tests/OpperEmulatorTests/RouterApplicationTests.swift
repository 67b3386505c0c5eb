import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OpalCore
import OpperAPI
import Testing

@testable import OpperEmulator

/// The emulator's Hummingbird application driven in-process with `app.test(.router)`: no
/// socket, the same router, groups and middleware as `start()` serves.
@Suite struct RouterApplicationTests {
  static let key = "router-key"

  /// One answered request, its body read as JSON when it is JSON.
  struct Answer {
    var status: Int
    var headers: HTTPFields
    var json: JSONValue?
  }

  /// Runs `body` against a fresh emulator's application; the server is there for its counts.
  private func withApp(
    _ configuration: EmulatorConfiguration = EmulatorConfiguration(apiKey: key),
    _ body: @escaping @Sendable (EmulatorServer, RouterClient) async throws -> Void
  ) async throws {
    let server = try EmulatorServer(configuration: configuration)
    let app = server.buildApplication()
    try await app.test(.router) { client in try await body(server, RouterClient(client: client)) }
  }

  struct RouterClient: Sendable {
    let client: any TestClientProtocol

    func send(
      _ method: HTTPRequest.Method, _ uri: String, json: JSONValue? = nil, key: String? = key
    ) async throws -> Answer {
      var headers: HTTPFields = [:]
      if let key { headers[.authorization] = "Bearer \(key)" }
      if json != nil { headers[.contentType] = "application/json" }
      let response = try await client.execute(
        uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0.canonicalJSON) })
      let text = String(buffer: response.body)
      let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
      return Answer(status: Int(response.status.code), headers: response.headers, json: value)
    }
  }

  @Test func authIsCheckedBeforeRoutingAndErrorsKeepTheAPIShape() async throws {
    try await withApp { _, c in
      let missing = try await c.send(.get, "/v2/models", key: nil)
      #expect(missing.status == 401)
      #expect(missing.json?["type"] == "UnauthorizedError")
      #expect(missing.json?["detail"] == .null)
      #expect(try await c.send(.get, "/v2/models", key: "wrong").status == 401)
      #expect(try await c.send(.get, "/v2/no/such/route", key: "wrong").status == 401)
      #expect(try await c.send(.get, "/v2/models/aliases/by-name", key: nil).status == 401)

      let unknown = try await c.send(.get, "/v2/no/such/route")
      #expect(unknown.status == 404)
      #expect(unknown.json?["type"] == "NotFoundError")
      #expect(try await c.send(.get, "/v2/models/aliases/x/y").json?["message"] == "Not Found")
      #expect(try await c.send(.get, "/v2").status == 404)
      #expect(try await c.send(.get, "/v2", key: nil).status == 401)
      let wrongMethod = try await c.send(.put, "/v2/models")
      #expect(wrongMethod.status == 405)
      #expect(wrongMethod.json?["type"] == "MethodNotAllowedError")
      #expect(try await c.send(.post, "/v2/spans/x").status == 405)
      // (`/v3/models` is served now, the catalog: a path outside every group is still a 404.)
      let outside = try await c.send(.get, "/v4/models")
      #expect(outside.status == 404)
      #expect(outside.json?["message"]?.stringValue?.contains("/v2") == true)
      #expect(try await c.send(.get, "/_emulator/health", key: nil).json?["status"] == "ok")
      let control = try await c.send(.patch, "/_emulator/faults", key: nil)
      #expect(control.status == 404)
      #expect(control.json?["message"] == "Unknown control endpoint PATCH /_emulator/faults")
    }
  }

  @Test func aliasCreateReadByIdAndByEncodedNameAnd404() async throws {
    try await withApp { server, c in
      let created = try await c.send(
        .post, "/v2/models/aliases", json: ["name": "team-a/x", "fallback_models": ["openai/gpt-4o"]])
      #expect(created.status == 200)
      let id = try #require(created.json?["id"]?.stringValue)
      #expect(created.json?["fallback_models"] == ["openai/gpt-4o"])

      let encoded = "/v2/models/aliases/by-name/\(OpperClient.pathSegment("team-a/x"))"
      #expect(encoded.hasSuffix("team-a%2Fx"))
      #expect(try await c.send(.get, encoded).json?["id"]?.stringValue == id)
      #expect(try await c.send(.get, "/v2/models/aliases/by-name/team-a/x").json?["id"]?.stringValue == id)
      #expect(try await c.send(.get, "/v2/models/aliases/\(id)").json?["name"] == "team-a/x")

      let none = try await c.send(.get, "/v2/models/aliases/by-name/team-a%2Fnone")
      #expect(none.status == 404)
      #expect(none.json?["message"] == "Alias 'team-a/none' not found")
      #expect(try await c.send(.get, "/v2/models/aliases/nope").json?["message"] == "Alias not found")
      let again = try await c.send(
        .post, "/v2/models/aliases", json: ["name": "team-a/x", "fallback_models": ["openai/gpt-4o"]])
      #expect(again.status == 409)
      #expect(again.json?["message"] == "An alias named 'team-a/x' already exists")

      // The same generic store and routes serve custom models.
      let custom = try await c.send(.post, "/v2/models/custom", json: ["name": "m", "identifier": "x/y"])
      #expect(custom.status == 200)
      let customAgain = try await c.send(
        .post, "/v2/models/custom", json: ["name": "m", "identifier": "x/z"])
      #expect(customAgain.json?["message"] == "A custom model named 'm' already exists")
      #expect(
        try await c.send(.get, "/v2/models/custom/by-name/nope").json?["message"]
          == "Custom model 'nope' not found")

      let counts = await server.requestCounts()
      #expect(counts["GET /v2/models/aliases/by-name/team-a%2Fx"] == 1)
      #expect(counts["POST /v2/models/aliases"] == 2)
    }
  }

  @Test func pagingReadsTheQueryParameters() async throws {
    try await withApp { _, c in
      for name in ["a", "b", "c"] {
        _ = try await c.send(
          .post, "/v2/models/aliases", json: ["name": .string(name), "fallback_models": ["openai/gpt-4o"]])
      }
      let page = try await c.send(.get, "/v2/models/aliases?offset=1&limit=1")
      #expect(page.json?["meta"]?["total_count"] == 3)
      #expect(page.json?["data"]?.arrayValue?.map { $0["name"] } == ["b"])
      #expect(try await c.send(.get, "/v2/models?limit=2").json?["data"]?.arrayValue?.count == 2)
      let bad = try await c.send(.get, "/v2/models/aliases?limit=abc&offset=-1")
      #expect(bad.status == 422)
      let locs = bad.json?["detail"]?.arrayValue?.map { $0["loc"] }
      #expect(locs == [["query", "offset"], ["query", "limit"]])
    }
  }

  @Test func endpointFaultsAnswerAndAreCounted() async throws {
    try await withApp { server, c in
      await server.setFaults(
        FaultPlan(endpoints: [
          "GET /models/aliases": FaultList([Fault(status: 429, consecutive: 1, retryAfterS: 2)])
        ]))
      let limited = try await c.send(.get, "/v2/models/aliases")
      #expect(limited.status == 429)
      #expect(limited.headers[HTTPField.Name("Retry-After")!] == "2")
      #expect(limited.json?["type"] == "TooManyRequestsError")
      #expect(try await c.send(.get, "/v2/models/aliases").status == 200)
      // A fault fires before auth: the request is refused the same way without a key.
      await server.setFaults(FaultPlan(endpoints: ["*": FaultList([Fault(status: 503)])]))
      #expect(try await c.send(.get, "/v2/models", key: nil).status == 503)
      #expect(try await c.send(.get, "/_emulator/health", key: nil).status == 200)
      #expect(await server.faultCounts() == ["status 503": 1])
      #expect(await server.requestCounts()["GET /v2/models/aliases"] == 2)
    }
  }

  @Test func traceAndSpanDurationsAreWholeMilliseconds() async throws {
    try await withApp { _, c in
      let call = try await c.send(
        .post, "/v2/call", json: ["name": "t", "model": "openai/gpt-4o", "input": "hi"])
      #expect(call.status == 200)
      let spanId = try #require(call.json?["span_id"]?.stringValue)
      let span = try await c.send(.get, "/v2/spans/\(spanId)")
      let traceId = try #require(span.json?["trace_id"]?.stringValue)
      let trace = try #require(try await c.send(.get, "/v2/traces/\(traceId)").json)
      guard case .integer = trace["duration_ms"] else {
        Issue.record("trace duration_ms is not an integer: \(String(describing: trace["duration_ms"]))")
        return
      }
      for span in trace["spans"]?.arrayValue ?? [] {
        guard case .integer = span["duration_ms"] else {
          Issue.record("span duration_ms is not an integer: \(String(describing: span["duration_ms"]))")
          return
        }
      }
      #expect(trace["spans"]?.arrayValue?.count == 2)
    }
  }
}
