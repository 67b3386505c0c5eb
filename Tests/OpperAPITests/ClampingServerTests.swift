import OpalTestSupport
import Synchronization
import Testing

@testable import OpperAPI

/// The client asks for pages of 1,000 against servers that serve fewer (they clamp `limit`, as
/// the real API may: its largest `limit` is not documented). The listing follows the size the
/// first page served and still checks every page against what it asked for.
@Suite struct ClampingServerTests {
  /// `count` aliases starting at `offset` in a page saying `total`.
  static func aliasPage(_ offset: Int, _ count: Int, total: Int) -> String {
    HostileServerTests.aliasPage(offset, max(0, count), total: total)
  }

  /// A server holding `held` aliases that serves at most `clamp(request)` per page and says
  /// `total` (the truth unless given).
  static func clampingScript(
    held: Int, total: Int? = nil, clamp: @escaping @Sendable (HostileServer.Request) -> Int
  ) -> HostileServer.Script {
    { request in
      let offset = Int(request.query("offset") ?? "0") ?? 0
      let limit = Int(request.query("limit") ?? "100") ?? 100
      let served = min(limit, clamp(request), max(0, held - offset))
      return [.respond(200, Self.aliasPage(offset, served, total: total ?? held))]
    }
  }

  /// Runs `body` with a client that asks for pages of 1,000 (what the CLI asks for).
  func withClampingServer(
    _ script: @escaping HostileServer.Script, _ body: (HostileServer, OpperClient) async throws -> Void
  ) async throws {
    try await withHostileServer(timeout: .seconds(30), retry: .none, script) { server, plain in
      var configuration = plain.configuration
      configuration.pageSize = OpperClientConfiguration.maxPageSize
      let client = OpperClient(configuration: configuration)
      do {
        try await body(server, client)
        await client.shutdown()
      } catch {
        await client.shutdown()
        throw error
      }
    }
  }

  /// The (offset, limit) of every list request the server saw, in offset order.
  static func asked(_ server: HostileServer) -> [(offset: Int, limit: Int)] {
    server.requests.map { request -> (offset: Int, limit: Int) in
      (offset: Int(request.query("offset") ?? "") ?? -1, limit: Int(request.query("limit") ?? "") ?? -1)
    }
    .sorted { $0.offset < $1.offset }
  }

  static func expectWhole(_ aliases: [Alias], _ count: Int, sourceLocation: SourceLocation = #_sourceLocation)
  {
    #expect(aliases.map(\.id) == (0..<count).map { "id-\($0)" }, sourceLocation: sourceLocation)
  }

  static func expectInconsistent(_ error: OpperAPIError?, sourceLocation: SourceLocation = #_sourceLocation) {
    if case .inconsistentList = error?.kind {
    } else {
      Issue.record(
        "expected an inconsistent-list error, got \(String(describing: error))",
        sourceLocation: sourceLocation)
    }
  }

  @Test func aServerThatClampsToAHundredIsFollowedAtAHundred() async throws {
    try await withClampingServer(Self.clampingScript(held: 2_350) { _ in 100 }) { server, client in
      let aliases = try await client.listAliases()
      Self.expectWhole(aliases, 2_350)
      let asked = Self.asked(server)
      // The first page asked for 1,000 and got 100; every later page asks for the 100 served,
      // each offset once.
      #expect(asked.first?.limit == 1000)
      #expect(asked.dropFirst().allSatisfy { $0.limit == 100 })
      #expect(asked.map(\.offset) == Array(stride(from: 0, to: 2_350, by: 100)))
    }
  }

  @Test func aServerThatClampsToAnOddSizeIsFollowedAtThatSize() async throws {
    // 500 = 13 × 37 + 19: the last page is short, as due.
    try await withClampingServer(Self.clampingScript(held: 500) { _ in 37 }) { server, client in
      Self.expectWhole(try await client.listAliases(), 500)
      let asked = Self.asked(server)
      #expect(asked.dropFirst().allSatisfy { $0.limit == 37 })
      #expect(asked.map(\.offset) == Array(stride(from: 0, to: 500, by: 37)))
    }
    // 370 = 10 × 37: the last page is due full, so one more page shows the list ends there.
    try await withClampingServer(Self.clampingScript(held: 370) { _ in 37 }) { server, client in
      Self.expectWhole(try await client.listAliases(), 370)
      #expect(Self.asked(server).map(\.offset) == Array(stride(from: 0, through: 370, by: 37)))
    }
  }

  @Test func aListThatFitsTheFirstPageIsOneRequest() async throws {
    // 640 aliases in a page of 1,000: fewer than asked, but the total says none are to come.
    try await withClampingServer(Self.clampingScript(held: 640) { _ in 1000 }) { server, client in
      Self.expectWhole(try await client.listAliases(), 640)
      #expect(server.requests.count == 1)
    }
  }

  @Test func aServerThatShrinksItsPagesOnceIsReadAgainAtTheNewSize() async throws {
    // Pages of 100 for the first three requests, of 60 after: the first pass sees a short page
    // and does not add up; the second adapts to 60 from its own first page.
    try await withClampingServer(
      Self.clampingScript(held: 1_000) { $0.number <= 3 ? 100 : 60 }
    ) { server, client in
      Self.expectWhole(try await client.listAliases(), 1_000)
      let second = server.requests.drop { $0.query("offset") != "0" || $0.number == 1 }
      #expect(second.first?.query("limit") == "1000")
      #expect(second.dropFirst().allSatisfy { $0.query("limit") == "60" })
      #expect(
        Array(second.compactMap { Int($0.query("offset") ?? "") }).sorted()
          == Array(stride(from: 0, to: 1_000, by: 60)))
    }
  }

  @Test func aServerWhosePageSizeKeepsMovingIsAnError() async throws {
    // Each request serves one item fewer than the one before: whatever size a pass adopts from
    // its first page, the next page is short. No pass adds up, and the listing ends in an error
    // after two bounded passes, never a short list.
    try await withClampingServer(
      Self.clampingScript(held: 2_000) { 100 - $0.number }
    ) { server, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      Self.expectInconsistent(error)
      // Each pass: the first page and at most pageConcurrency (8) pages in flight past the stop.
      #expect(server.requests.count <= 2 * (1 + 8 + 8))
    }
  }

  @Test func aClampingServerThatLiesAboutTheTotalIsAnError() async throws {
    // Says 1,000 but holds 450: the page at 500 comes back empty.
    try await withClampingServer(Self.clampingScript(held: 450, total: 1_000) { _ in 100 }) {
      server, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      Self.expectInconsistent(error)
      #expect(server.requests.count <= 2 * (1 + 8 + 8))
    }
    // Says 300 but holds 450: the page at 200 holds 100 where 100 are due, but the page at 300
    // (asked because 300 is a multiple of 100) is not empty.
    try await withClampingServer(Self.clampingScript(held: 450, total: 300) { _ in 100 }) { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      Self.expectInconsistent(error)
    }
    // Says 250 but holds 450 and serves 100: the last page, due to hold 50, holds 100.
    try await withClampingServer(Self.clampingScript(held: 450, total: 250) { _ in 100 }) { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      Self.expectInconsistent(error)
    }
  }

  @Test func aFirstPageLargerThanAskedIsAnErrorNotAnAdoptedSize() async throws {
    // Asked for 1,000, served 1,200 of 5,000: more than asked is never a page size.
    try await withClampingServer({ request in
      let offset = Int(request.query("offset") ?? "0") ?? 0
      return [.respond(200, Self.aliasPage(offset, min(1_200, 5_000 - offset), total: 5_000))]
    }) { _, client in
      let error = await #expect(throws: OpperAPIError.self) { try await client.listAliases() }
      Self.expectInconsistent(error)
    }
  }
}
