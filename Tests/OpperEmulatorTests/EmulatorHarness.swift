import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OpalCore
import OpalTestSupport
import OpperAPI

@testable import OpperEmulator

/// A running emulator on an ephemeral loopback port and a way to talk HTTP to it.
struct EmulatorHarness {
  static let key = "test-key"
  let server: EmulatorServer
  let port: Int

  /// Starts an emulator (`OpalTestSupport.withEmulator`), runs `body`, stops it.
  static func with<T>(
    _ configuration: EmulatorConfiguration = EmulatorConfiguration(apiKey: key),
    _ body: (EmulatorHarness) async throws -> T
  ) async throws -> T {
    try await withEmulator(configuration: configuration) { server, _ in
      try await body(EmulatorHarness(server: server, port: server.boundPort))
    }
  }

  /// One answered request.
  struct Reply {
    var status: Int
    var headers: HTTPFields
    var text: String
    var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
      try JSONDecoder().decode(type, from: Data(text.utf8))
    }
  }

  /// Sends one request on a fresh connection. `path` is absolute (`/v2/...`).
  func send(
    _ method: HTTPRequest.Method, _ path: String, json: JSONValue? = nil, raw: String? = nil,
    key: String? = EmulatorHarness.key
  ) async throws -> Reply {
    var headers: HTTPFields = [:]
    if let key { headers[.authorization] = "Bearer \(key)" }
    let text = raw ?? json?.canonicalJSON
    if text != nil { headers[.contentType] = "application/json" }
    let request = TestClient.Request(
      path, method: method, headers: headers, body: text.map { ByteBuffer(string: $0) })
    let response = try await TestClient.withClient(
      host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(30))
    ) { client in
      try await client.execute(request)
    }
    return Reply(
      status: Int(response.status.code), headers: response.headers,
      text: response.body.map { String(buffer: $0) } ?? "")
  }

  func post<T: Encodable>(_ path: String, _ body: T) async throws -> Reply {
    let value = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(body))
    return try await send(.post, path, json: value)
  }

  /// Creates an alias and returns it (expects 200).
  func createAlias(_ name: String, _ chain: [String], description: String? = nil) async throws -> Alias {
    let reply = try await post(
      "/v2/models/aliases", AliasCreate(name: name, fallbackModels: chain, description: description))
    guard reply.status == 200 else { throw HarnessError("create \(name): \(reply.status) \(reply.text)") }
    return try reply.decode(Alias.self)
  }

  func setFaults(_ yamlOrJSON: JSONValue) async throws {
    let reply = try await send(.post, "/_emulator/faults", json: yamlOrJSON, key: nil)
    guard reply.status == 200 else { throw HarnessError("faults: \(reply.status) \(reply.text)") }
  }
}

struct HarnessError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .integer(value) }
  public init(floatLiteral value: Double) { self = .number(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { a, _ in a }))
  }
}
