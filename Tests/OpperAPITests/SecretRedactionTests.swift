import Logging
import OpalTestSupport
import Synchronization
import Testing

@testable import OpperAPI

/// The API key must never be readable from a configuration, a client, an error or a log.
@Suite struct SecretRedactionTests {
  @Test func configurationNeverPrintsTheKey() {
    let config = OpperClientConfiguration(apiKey: testKey, requestsPerSecond: 3)
    var dumped = ""
    dump(config, to: &dumped)
    for text in [
      String(describing: config), String(reflecting: config), dumped, "\(config)",
      String(describing: Mirror(reflecting: config).children.map { "\($0.label ?? ""):\($0.value)" }),
    ] {
      #expect(!text.contains(testKey))
      #expect(!text.contains("7f3a9c"))
    }
    #expect(String(describing: config).contains("<redacted>"))
    #expect(String(describing: OpperClientConfiguration()).contains("apiKey: none"))
  }

  @Test func clientNeverPrintsTheKey() async {
    let client = OpperClient(configuration: .init(apiKey: testKey))
    var dumped = ""
    dump(client, to: &dumped)
    #expect(!String(describing: client).contains(testKey))
    #expect(!dumped.contains(testKey))
    await client.shutdown()
  }

  @Test func aKeyEchoedByTheServerIsRedacted() async {
    let client = OpperClient(configuration: .init(apiKey: testKey))
    let echoed = client.redacted(
      APIErrorDecoding.kind(status: 500, body: Array("bad token Bearer \(testKey) here".utf8)))
    let error = OpperAPIError(method: "GET", path: "/models", kind: echoed)
    #expect(!allRenderings(error).contains(testKey))
    #expect(error.description.contains("[redacted]"))
    await client.shutdown()
  }

  @Test func aKeyAnywhereInAnAnswerIsRedactedBeforeDecoding() async {
    let client = OpperClient(configuration: .init(apiKey: testKey))
    for body in [
      testKey, "\(testKey) first", "last \(testKey)", "{\"error\": \"a \(testKey) b \(testKey)\"}",
    ] {
      let out = String(decoding: client.redacted(Array(body.utf8)), as: UTF8.self)
      #expect(!out.contains(testKey), "\(body)")
      #expect(out.contains("[redacted]"), "\(body)")
    }
    let clean = Array("{\"data\": [\"sk-test-7f3a9c\"]}".utf8)  // a prefix of the key is not the key
    #expect(client.redacted(clean) == clean)
    #expect(client.redacted([]) == [])
    #expect(OpperClient.occurs(Array("ab".utf8), in: Array("xxab".utf8)))
    #expect(!OpperClient.occurs(Array("abc".utf8), in: Array("ab".utf8)))
    #expect(!OpperClient.occurs([], in: Array("ab".utf8)))
    await client.shutdown()
  }

  @Test func noErrorFromTheEmulatorContainsTheKey() async throws {
    var errors: [OpperAPIError] = []
    let faults = #"""
      {"endpoints": {"GET /models/custom": {"drop": true}, "GET /models": {"latency_ms": 800}}}
      """#
    try await withEmulator(faults: faults, configure: {
      $0.retry = .none
      $0.timeout = .milliseconds(200)
    }) { _, client in
      func capture(_ work: () async throws -> Void) async {
        do {
          try await work()
        } catch let error as OpperAPIError {
          errors.append(error)
        } catch {
          Issue.record("not an OpperAPIError: \(error)")
        }
      }
      let invalid = AliasCreate(name: "", fallbackModels: ["x"])
      let unknownModel = AliasCreate(name: "a", fallbackModels: ["nope/x"])
      await capture { _ = try await client.deleteAlias(id: "missing") }  // 404
      await capture { _ = try await client.createAlias(invalid) }  // 422
      await capture { _ = try await client.createAlias(unknownModel) }  // 400
      await capture { _ = try await client.listCustomModels() }  // dropped
      await capture { _ = try await client.listModels() }  // timeout
      await capture { _ = try await client.span(id: testKey) }  // 404 on a path that holds the key
    }
    #expect(errors.count == 6)
    for error in errors {
      #expect(!allRenderings(error).contains(testKey), "\(error)")
    }
  }

  @Test func debugLogsRedactTheAuthorizationHeader() async throws {
    let lines = LogLines()
    var logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
    logger.logLevel = .trace
    try await withEmulator(configure: { $0.logger = logger }) { _, client in
      _ = try await client.listAliases()
      _ = try? await client.alias(id: "missing")
    }
    let all = lines.all
    #expect(all.contains { $0.contains("Authorization: Bearer [redacted]") })
    #expect(all.contains { $0.contains("GET /models/aliases") && $0.contains("200") })
    #expect(!all.contains { $0.contains(testKey) })
  }
}

/// A log handler that keeps every rendered line.
struct CapturingLogHandler: LogHandler {
  let lines: LogLines
  var logLevel: Logger.Level = .trace
  var metadata: Logger.Metadata = [:]
  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }
  func log(event: LogEvent) {
    lines.append("\(event.level) \(event.message)")
  }
}

/// Log lines collected across threads.
final class LogLines: Sendable {
  private let lines = Mutex<[String]>([])
  func append(_ line: String) { lines.withLock { $0.append(line) } }
  var all: [String] { lines.withLock { $0 } }
}
