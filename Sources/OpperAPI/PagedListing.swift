/// Reads every page of a list endpoint: the first page, then the rest in parallel (bounded) from
/// its `total_count`, assembled in offset order and deduplicated by key (first seen wins).
///
/// A list is only returned when it adds up: every page reported the same `total_count`, every
/// page held exactly the items that total implies for its offset, and the unique items number
/// exactly the total. A list that moves while it is read (an insert or delete between two pages)
/// is read again once; a list that still does not add up (a server whose total lies, pages that
/// come back empty or short, a list that grows on every read) is an error, never a short list: a
/// planner that trusted a short list would plan creates for what exists and deletes for what it
/// did not see.
///
/// The page size adapts to the server: the first page asks for `pageSize` items, and a first page
/// that holds fewer (but more than none) while `total_count` says more are to come means the
/// server serves pages of at most that size (it clamps `limit`). The rest of the pass then asks
/// for pages of the size served, at the offsets that size gives, and checks each against what
/// it asked for exactly as before; each pass adapts from its own first page. The API's largest
/// `limit` is not documented, so a large ask is safe only this way.
///
/// Every read is bounded: a pass asks for at most ⌈total / size⌉ pages (one more when the last
/// is due full, to see that the list ends there), stops issuing new
/// requests at the first short or empty page, and each page that comes back is checked to be one that was
/// asked for, exactly once.
struct PagedListing<Item: Codable & Sendable>: Sendable {
  /// The endpoint path without query, e.g. `/models/aliases`.
  var path: String
  /// Query parameters sent with every page besides `offset` and `limit` (already encoded).
  var query: String = ""
  /// Items asked for on the first page of a pass (the later pages ask for the size it served).
  var pageSize: Int
  var concurrency: Int
  /// The identity used for deduplication.
  var key: @Sendable (Item) -> String

  /// The largest `total_count` believed (2^40 items); a larger one is a lie, not a list.
  static var maxTotal: Int { 1 << 40 }
  /// How many passes are made before a list that does not add up is an error.
  static var maxPasses: Int { 2 }

  typealias Fetch = @Sendable (_ path: String) async throws(OpperAPIError) -> Page<Item>

  /// The whole list, checked. `arrived` sees each page's items as the page arrives, one page at
  /// a time on the calling task, before the pages are checked (to share what the items of many
  /// pages hold alike while the rest are still being read); it must keep every item's key and
  /// count.
  func fetchAll(
    _ fetch: @escaping Fetch, arrived: (inout [Item]) -> Void = { _ in }
  ) async throws(OpperAPIError) -> [Item] {
    var problem = ""
    for _ in 0..<Self.maxPasses {
      let pass = try await readPass(fetch, arrived: arrived)
      switch pass {
      case .complete(let items): return items
      case .inconsistent(let why): problem = why
      }
    }
    throw OpperAPIError(
      method: "GET", path: path,
      kind: .inconsistentList(
        "the list did not add up in \(Self.maxPasses) reads (\(problem)); nothing was planned from it"))
  }

  func pagePath(offset: Int, limit: Int) -> String {
    "\(path)?\(query.isEmpty ? "" : query + "&")offset=\(offset)&limit=\(limit)"
  }

  /// The page size the rest of a pass asks for: the size the first page served when it held
  /// fewer items than asked although `total` says more are to come (the server clamps `limit`),
  /// else the size asked. A first page with no items, or more than asked, keeps the size asked,
  /// so the page check refuses it.
  func servedSize(_ first: Page<Item>, total: Int) -> Int {
    let served = first.data.count
    return served > 0 && served < min(pageSize, total) ? served : pageSize
  }

  enum Pass {
    case complete([Item])
    case inconsistent(String)
  }

  /// One read of the whole list, checked.
  private func readPass(
    _ fetch: @escaping Fetch, arrived: (inout [Item]) -> Void
  ) async throws(OpperAPIError) -> Pass {
    var first = try await fetch(pagePath(offset: 0, limit: pageSize))
    arrived(&first.data)
    let total = first.meta.totalCount
    guard total >= 0, total <= Self.maxTotal else {
      throw OpperAPIError(
        method: "GET", path: pagePath(offset: 0, limit: pageSize),
        kind: .inconsistentList("the server reported total_count \(total), which no list has"))
    }
    let size = servedSize(first, total: total)
    var pages: [Int: Page<Item>] = [0: first]
    if size < readEnd(total: total, size: size) {
      let rest = try await fetchParallel(from: size, size: size, total: total, fetch, arrived: arrived)
      for (offset, page) in rest { pages[offset] = page }
    }
    if let why = check(pages, total: total, size: size) { return .inconsistent(why) }
    var seen = Set<String>()
    var items: [Item] = []
    items.reserveCapacity(total)
    for offset in pages.keys.sorted() {
      // Each page is dropped once copied, so the list is never held twice (100k aliases: ~30 MB).
      for item in pages.removeValue(forKey: offset)?.data ?? [] where seen.insert(key(item)).inserted {
        items.append(item)
      }
    }
    guard items.count == total else {
      return .inconsistent("\(items.count) unique items where total_count said \(total)")
    }
    return .complete(items)
  }

  /// Where a pass stops asking: at `total`, or one page past it when the last page is due full,
  /// so a server whose `total_count` is smaller than its list is caught by a non-empty page
  /// beyond it (one extra request, only when the total is a multiple of the page size).
  private func readEnd(total: Int, size: Int) -> Int {
    total > 0 && total % size == 0 ? total + 1 : total
  }

  /// Why the pages, of `size` items each, do not add up to one list of `total` items, or nil
  /// when they do.
  private func check(_ pages: [Int: Page<Item>], total: Int, size: Int) -> String? {
    for (offset, page) in pages.sorted(by: { $0.key < $1.key }) {
      if page.meta.totalCount != total {
        return "total_count moved from \(total) to \(page.meta.totalCount) during the read"
      }
      let expected = min(size, max(0, total - offset))
      if page.data.count != expected {
        return "the page at offset \(offset) held \(page.data.count) items where \(expected) were due"
      }
    }
    let due = (readEnd(total: total, size: size) + size - 1) / size
    if total > 0, pages.count != due {
      return "\(pages.count) of \(due) pages came back"
    }
    return nil
  }

  /// The pages of `size` items from `start` up to `readEnd(total:size:)`, with at most
  /// `concurrency` in flight. No new page is asked for once one comes back short or empty (the
  /// list ends there; before its total, the pass is inconsistent). Every page that comes back is
  /// checked to be one that was asked for, once.
  private func fetchParallel(
    from start: Int, size pageSize: Int, total: Int, _ fetch: @escaping Fetch,
    arrived: (inout [Item]) -> Void
  ) async throws(OpperAPIError) -> [(Int, Page<Item>)] {
    let width = max(1, concurrency)
    let readEnd = self.readEnd(total: total, size: pageSize)
    let result = await withTaskGroup(
      of: (Int, Result<Page<Item>, OpperAPIError>).self,
      returning: Result<[(Int, Page<Item>)], OpperAPIError>.self
    ) { group in
      var nextOffset = start
      var asked = Set<Int>()
      var ended = false
      func startNext() {
        guard !ended, nextOffset < readEnd else { return }
        let offset = nextOffset
        let pagePath = self.pagePath(offset: offset, limit: pageSize)
        nextOffset += pageSize
        asked.insert(offset)
        group.addTask {
          // Bind the awaited page before building the tuple: Swift 6.3.1 at -O loses a tuple
          // element stored before a `try await` inside a do/catch in a task closure
          // (docs/compiler-miscompile.md).
          let outcome: Result<Page<Item>, OpperAPIError>
          do throws(OpperAPIError) {
            let page = try await fetch(pagePath)
            outcome = .success(page)
          } catch {
            outcome = .failure(error)
          }
          return (offset, outcome)
        }
      }
      for _ in 0..<width { startNext() }
      var done: [(Int, Page<Item>)] = []
      while let (offset, outcome) = await group.next() {
        switch outcome {
        case .success(var page):
          guard asked.remove(offset) != nil else {
            group.cancelAll()
            return .failure(
              OpperAPIError(
                method: "GET", path: path,
                kind: .inconsistentList(
                  "a page came back for offset \(offset), which was not asked for (or twice)")))
          }
          if page.data.count < pageSize { ended = true }
          arrived(&page.data)
          done.append((offset, page))
          startNext()
        case .failure(let error):
          group.cancelAll()
          return .failure(error)
        }
      }
      return .success(done.sorted { $0.0 < $1.0 })
    }
    return try result.get()
  }
}
