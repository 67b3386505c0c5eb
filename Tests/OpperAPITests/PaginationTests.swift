import OpalTestSupport
import Synchronization
import Testing

@testable import OpperAPI

@Suite struct PaginationTests {
  @Test func threeHundredFiftyAliasesComeBackInFourPagesInOrder() async throws {
    try await withEmulator(configure: { $0.pageSize = 100 }) { server, client in
      try await withThrowingTaskGroup(of: Void.self) { group in
        for chunk in stride(from: 0, to: 350, by: 50) {
          group.addTask {
            for i in chunk..<(chunk + 50) {
              _ = try await client.createAlias(
                AliasCreate(name: "team/alias-\(i)", fallbackModels: ["openai/gpt-4o"]))
            }
          }
        }
        try await group.waitForAll()
      }
      let before = await seenExactly(server, "GET /v2/models/aliases")
      let paged = try await client.listAliases()
      #expect(await seenExactly(server, "GET /v2/models/aliases") - before == 4)
      #expect(paged.count == 350)
      #expect(Set(paged.map(\.id)).count == 350)

      let whole = OpperClient(configuration: .init(
        baseURL: client.configuration.baseURL, apiKey: testKey, pageSize: 1000))
      let single = try await whole.listAliases()
      await whole.shutdown()
      #expect(single == paged)
    }
  }

  @Test func pageSizeIsClampedToTheAPIMaximum() {
    #expect(OpperClientConfiguration(pageSize: 5000).effectivePageSize == 1000)
    #expect(OpperClientConfiguration(pageSize: 0).effectivePageSize == 1)
    #expect(OpperClientConfiguration().effectivePageSize == 100)
  }
}

/// `PagedListing` against a list that changes while it is read.
@Suite struct PagedListingTests {
  struct Item: Codable, Sendable, Equatable { var id: String }

  /// A server-side list the fake endpoint pages through; `mutate` runs before answering each
  /// page after the first.
  final class FakeList: Sendable {
    let items: Mutex<[Item]>
    let requests = Mutex<[Int]>([])
    let mutate: @Sendable (inout [Item], Int) -> Void
    init(count: Int, mutate: @escaping @Sendable (inout [Item], Int) -> Void = { _, _ in }) {
      items = Mutex((0..<count).map { Item(id: "a\($0)") })
      self.mutate = mutate
    }
    func page(_ path: String) -> Page<Item> {
      let query = path.split(separator: "?").last ?? ""
      var offset = 0
      var limit = 100
      for pair in query.split(separator: "&") {
        let kv = pair.split(separator: "=")
        if kv.count == 2, kv[0] == "offset" { offset = Int(kv[1]) ?? 0 }
        if kv.count == 2, kv[0] == "limit" { limit = Int(kv[1]) ?? 100 }
      }
      requests.withLock { $0.append(offset) }
      return items.withLock { list in
        if offset > 0 { mutate(&list, offset) }
        let slice = offset < list.count ? Array(list[offset..<min(list.count, offset + limit)]) : []
        return Page(totalCount: list.count, data: slice)
      }
    }
  }

  func listing(pageSize: Int = 10) -> PagedListing<Item> {
    PagedListing(path: "/things", pageSize: pageSize, concurrency: 3, key: { $0.id })
  }

  @Test func pagesAreAssembledInOffsetOrder() async throws {
    let list = FakeList(count: 95)
    let items = try await listing().fetchAll { path throws(OpperAPIError) in list.page(path) }
    #expect(items.map(\.id) == (0..<95).map { "a\($0)" })
    #expect(list.requests.withLock { $0.sorted() } == Array(stride(from: 0, to: 95, by: 10)))
  }

  @Test func anEmptyListIsOneRequest() async throws {
    let list = FakeList(count: 0)
    let items = try await listing().fetchAll { path throws(OpperAPIError) in list.page(path) }
    #expect(items.isEmpty)
    #expect(list.requests.withLock { $0 } == [0])
  }

  @Test func anInsertDuringTheReadIsDeduplicated() async throws {
    // Once the later pages are being read, one new item is inserted at the front: the items
    // shift right and the one at a page's edge would be seen twice without deduplication.
    // (One insert, not one per page: with pages read in parallel, an insert before each page
    // could shift an item past a page already read, which no listing can see.)
    let inserted = Mutex(false)
    let list = FakeList(count: 40) { items, offset in
      if inserted.withLock({ done in defer { done = true }; return !done }) {
        items.insert(Item(id: "new\(offset)"), at: 0)
      }
    }
    let items = try await listing().fetchAll { path throws(OpperAPIError) in list.page(path) }
    #expect(Set(items.map(\.id)).count == items.count)
    for i in 0..<40 { #expect(items.contains(Item(id: "a\(i)"))) }
  }

  @Test func aTotalThatGrowsMidReadIsFollowed() async throws {
    // The list grows by 25 once the second page is asked for; the extra pages are read too.
    let grown = Mutex(false)
    let list = FakeList(count: 30) { items, _ in
      let first = grown.withLock { done in
        defer { done = true }
        return !done
      }
      if first { items.append(contentsOf: (30..<55).map { Item(id: "a\($0)") }) }
    }
    let items = try await listing().fetchAll { path throws(OpperAPIError) in list.page(path) }
    #expect(items.map(\.id) == (0..<55).map { "a\($0)" })
  }

  @Test func aFailingPageFailsTheListing() async throws {
    let list = FakeList(count: 50)
    let error = await #expect(throws: OpperAPIError.self) {
      try await listing().fetchAll { path throws(OpperAPIError) in
        if path.contains("offset=30") {
          throw OpperAPIError(method: "GET", path: path, kind: .http(status: 500, type: nil, message: "x"))
        }
        return list.page(path)
      }
    }
    #expect(error?.status == 500)
  }
}
