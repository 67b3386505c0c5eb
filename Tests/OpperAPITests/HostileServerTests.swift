import Foundation
import OpalTestSupport
import Testing

@testable import OpperAPI

/// The client against a server that lies (issue 13): every answer is checked, every wait bounded.
@Suite struct HostileServerTests {
  static func aliasPage(_ offset: Int, _ count: Int, total: Int) -> String {
    let items = (offset..<(offset + count)).map {
      #"{"id":"id-\#($0)","name":"a\#($0)","fallback_models":["openai/gpt-4o"]}"#
    }
    return #"{"meta":{"total_count":\#(total)},"data":[\#(items.joined(separator: ","))]}"#
  }

  @Test func aHugeTotalWithEmptyPagesEndsQuicklyInAnError() async throws {
    // No retries and a generous timeout: on a loaded machine a retried page would be one more
    // request than the bound below, which counts the listing's own requests only.
    try await withHostileServer(timeout: .seconds(30), retry: .none, { request in
      let offset = Int(request.query("offset") ?? "0") ?? 0
      return [.respond(200, Self.aliasPage(offset, offset == 0 ? 100 : 0, total: 10_000_000))]
    }) { server, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      if case .inconsistentList = error?.kind {} else { Issue.record("got \(String(describing: error))") }
      // Bounded: two passes, each the first page and at most pageConcurrency (8) pages in flight.
      #expect(server.requests.count <= 2 * (1 + 8))
    }
  }

  @Test func aTotalSmallerThanTheItemsIsNotAShortList() async throws {
    // 150 aliases exist; the server says 100. Before, opal stopped after page 1.
    try await withHostileServer({ request in
      let offset = Int(request.query("offset") ?? "0") ?? 0
      return [.respond(200, Self.aliasPage(offset, max(0, min(100, 150 - offset)), total: 100))]
    }) { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      if case .inconsistentList = error?.kind {} else { Issue.record("got \(String(describing: error))") }
    }
  }

  @Test func aBodyTrickledByteByByteIsCutOffAtTheTimeout() async throws {
    let body = Self.aliasPage(0, 3, total: 3)  // ~250 bytes at 0.4 s each: ~100 s without a bound
    let clock = ContinuousClock()
    let started = clock.now
    try await withHostileServer(
      timeout: .seconds(1), retry: .none,
      { _ in HostileServer.Step.trickle(200, body, every: .milliseconds(400)) }
    ) { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      #expect(error?.kind == .timeout)
    }
    // The whole answer, body included, is bounded by the 1 s timeout: far from the ~100 s the
    // trickle takes without one, with room for a machine running the whole suite in parallel.
    #expect(clock.now - started < .seconds(45))
  }

  @Test func aServerThatNeverAnswersIsBoundedByTheTimeout() async throws {
    try await withHostileServer(timeout: .milliseconds(500), retry: .none, { _ in [.hang] }) { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      #expect(error?.kind == .timeout)
    }
  }

  @Test func aTenCharacterKeyEchoedByTheServerIsRedacted() async throws {
    let key = "sk-10chars"
    try await withHostileServer(
      key: key, retry: .none,
      { _ in [.respond(500, #"{"type":"InternalError","message":"bad key \#(key) in trace"}"#)] }
    ) { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      let text = error.map { "\($0) \(String(reflecting: $0))" } ?? ""
      #expect(!text.contains(key))
      #expect(text.contains("[redacted]"))
    }
  }

  @Test func aKeyShorterThanEightIsRefusedForARealHostButNotForLoopback() async throws {
    let remote = OpperClient(configuration: .init(baseURL: "https://api.opper.ai/v2", apiKey: "zq7x9w3"))
    let error = await #expect(throws: OpperAPIError.self) { try await remote.listAliases() }
    #expect(error?.attempts == 0)
    #expect(error.map { "\($0)" }?.contains("too short") == true)
    #expect(error.map { "\($0)" }?.contains("zq7x9w3") == false)  // the key itself is not shown
    await remote.shutdown()
    try await withHostileServer(
      key: "k",
      { request in
        let offset = Int(request.query("offset") ?? "0") ?? 0
        return [.respond(200, Self.aliasPage(offset, 0, total: 0))]
      }
    ) { _, client in
      let aliases = try await client.listAliases()
      #expect(aliases.isEmpty)
    }
  }
}
