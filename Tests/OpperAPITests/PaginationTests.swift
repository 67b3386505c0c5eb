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

      let whole = OpperClient(
        configuration: .init(
          baseURL: client.configuration.baseURL, apiKey: testKey, pageSize: 1000))
      let single = try await whole.listAliases()
      await whole.shutdown()
      #expect(single == paged)
    }
  }

  @Test func equalChainsOfManyPagesAreHeldOnce() async throws {
    // 60 aliases in pages of 7, two chains between them: every alias with a chain holds the
    // one array the first of them decoded, across pages.
    try await withEmulator(configure: { $0.pageSize = 7 }) { _, client in
      let chains = [["openai/gpt-4o"], ["openai/gpt-4o-mini", "openai/gpt-4o"]]
      for i in 0..<60 {
        _ = try await client.createAlias(AliasCreate(name: "a-\(i)", fallbackModels: chains[i % 2]))
      }
      let listed = try await client.listAliases()
      #expect(listed.count == 60)
      for chain in chains {
        let holding = listed.filter { $0.fallbackModels == chain }
        #expect(holding.count == 30)
        let buffers = Set(
          holding.map { $0.fallbackModels.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } })
        #expect(buffers.count == 1, "one buffer per chain, not \(buffers.count)")
      }
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
      let (offset, limit) = PagedListingTests.offsetAndLimit(path)
      requests.withLock { $0.append(offset) }
      return items.withLock { list in
        if offset > 0 { mutate(&list, offset) }
        let slice = offset < list.count ? Array(list[offset..<min(list.count, offset + limit)]) : []
        return Page(totalCount: list.count, data: slice)
      }
    }
  }

  /// The `offset` and `limit` of a page path's query (0 and 100 when absent).
  static func offsetAndLimit(_ path: String) -> (offset: Int, limit: Int) {
    let query = path.split(separator: "?").last ?? ""
    var offset = 0
    var limit = 100
    for pair in query.split(separator: "&") {
      let kv = pair.split(separator: "=")
      if kv.count == 2, kv[0] == "offset" { offset = Int(kv[1]) ?? 0 }
      if kv.count == 2, kv[0] == "limit" { limit = Int(kv[1]) ?? 100 }
    }
    return (offset, limit)
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
      if inserted.withLock({ done in
        defer { done = true }; return !done
      }) {
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

  // MARK: - A list that does not add up is an error, never a short list (issue 10, issue 13 §4)

  /// A fake endpoint that answers from a script: `answer(offset, limit)` gives the page.
  final class ScriptedList: Sendable {
    let requests = Mutex<[Int]>([])
    let answer: @Sendable (_ offset: Int, _ limit: Int, _ request: Int) -> Page<Item>
    init(_ answer: @escaping @Sendable (_ offset: Int, _ limit: Int, _ request: Int) -> Page<Item>) {
      self.answer = answer
    }
    func page(_ path: String) -> Page<Item> {
      let (offset, limit) = PagedListingTests.offsetAndLimit(path)
      let n = requests.withLock {
        $0.append(offset); return $0.count
      }
      return answer(offset, limit, n)
    }
    static func items(_ range: Range<Int>) -> [Item] { range.map { Item(id: "a\($0)") } }
  }

  func expectInconsistent(
    _ list: ScriptedList, pageSize: Int = 10, sourceLocation: SourceLocation = #_sourceLocation
  ) async -> OpperAPIError? {
    let error = await #expect(throws: OpperAPIError.self, sourceLocation: sourceLocation) {
      try await listing(pageSize: pageSize).fetchAll { path throws(OpperAPIError) in list.page(path) }
    }
    if let error, case .inconsistentList = error.kind {
    } else {
      Issue.record(
        "expected an inconsistent-list error, got \(String(describing: error))",
        sourceLocation: sourceLocation)
    }
    return error
  }

  @Test func aHugeTotalWithEmptyPagesIsAnErrorAfterFewRequests() async throws {
    // total_count 2^62 (or 10,000,000) with nothing after the first page: before, opal asked for
    // pages until killed. Now an empty page stops new requests, and the list is refused.
    for total in [1 << 62, 10_000_000] {
      let list = ScriptedList { offset, _, _ in
        Page(totalCount: total, data: offset == 0 ? ScriptedList.items(0..<10) : [])
      }
      _ = await expectInconsistent(list)
      // Two passes, each: page 0 and at most `concurrency` (3) pages in flight before the stop.
      #expect(list.requests.withLock { $0.count } <= 2 * (1 + 3))
    }
  }

  @Test func aTotalBeyondAnyListIsRefusedAtOnce() async throws {
    let list = ScriptedList { _, _, _ in Page(totalCount: Int.max, data: []) }
    _ = await expectInconsistent(list)
    #expect(list.requests.withLock { $0.count } == 1)
  }

  @Test func aTotalSmallerThanTheItemsIsAnError() async throws {
    // total_count 5 but a full first page of 10: before, opal stopped after page 1 and planned a
    // create for an alias that exists on page 2.
    let list = ScriptedList { offset, limit, _ in
      Page(totalCount: 5, data: ScriptedList.items(offset..<min(25, offset + limit)))
    }
    _ = await expectInconsistent(list)
  }

  @Test func aListThatGrowsOnEveryReadIsAnErrorAfterTwoPasses() async throws {
    let list = ScriptedList { offset, limit, request in
      let total = 20 + request
      return Page(totalCount: total, data: ScriptedList.items(offset..<min(total, offset + limit)))
    }
    _ = await expectInconsistent(list)
    #expect(list.requests.withLock { $0.count } <= 2 * 4)
  }

  @Test func aShortPageInTheMiddleIsAnError() async throws {
    let list = ScriptedList { offset, limit, _ in
      let data = ScriptedList.items(offset..<min(50, offset + limit))
      return Page(totalCount: 50, data: offset == 20 ? Array(data.prefix(3)) : data)
    }
    _ = await expectInconsistent(list)
  }

  @Test func aPageLargerThanItsLimitIsAnError() async throws {
    let list = ScriptedList { offset, limit, _ in
      Page(
        totalCount: 30, data: ScriptedList.items(offset..<min(30, offset + limit + (offset == 10 ? 5 : 0))))
    }
    _ = await expectInconsistent(list)
  }

  @Test func duplicatesThatHideAnItemAreAnError() async throws {
    // The right counts per page, but page 2 repeats an item of page 1 instead of a21: the unique
    // items fall short of the total.
    let list = ScriptedList { offset, limit, _ in
      var data = ScriptedList.items(offset..<min(30, offset + limit))
      if offset == 20 { data[1] = Item(id: "a5") }
      return Page(totalCount: 30, data: data)
    }
    _ = await expectInconsistent(list)
  }

  @Test func aListThatMovesOnceIsReadAgainAndReturnedWhole() async throws {
    // A delete between two pages of the first pass shifts an item out of sight; the second pass
    // sees the list as it now is.
    let list = ScriptedList { offset, limit, request in
      let all = request <= 2 ? ScriptedList.items(0..<30) : ScriptedList.items(1..<30)
      return Page(
        totalCount: all.count, data: Array(all[min(all.count, offset)..<min(all.count, offset + limit)]))
    }
    let items = try await listing().fetchAll { path throws(OpperAPIError) in list.page(path) }
    #expect(items.map(\.id) == (1..<30).map { "a\($0)" })
  }

  @Test func everyPageOfAStableListIsAskedForOnce() async throws {
    for count in [0, 1, 10, 11, 99, 100, 250] {
      let list = FakeList(count: count)
      let items = try await listing().fetchAll { path throws(OpperAPIError) in list.page(path) }
      #expect(items.map(\.id) == (0..<count).map { "a\($0)" })
      let asked = list.requests.withLock { $0.sorted() }
      // A list whose last page is full gets one more read, to see that it ends there.
      let end = count > 0 && count % 10 == 0 ? count + 1 : max(count, 1)
      #expect(asked == Array(stride(from: 0, to: end, by: 10)))
    }
  }
}
