/// Reads every page of a list endpoint: the first page, then the rest in parallel (bounded) from
/// its `total_count`, assembled in offset order and deduplicated by key (first seen wins).
///
/// The list may change while it is read. If a page reports a larger total than the first one,
/// the missing pages are read too; reading stops at the first short page beyond the plan. An
/// insert can shift an item into two pages (deduplicated); a delete can shift one out of both
/// (not seen; a later read will see it).
struct PagedListing<Item: Codable & Sendable>: Sendable {
  /// The endpoint path without query, e.g. `/models/aliases`.
  var path: String
  var pageSize: Int
  var concurrency: Int
  /// The identity used for deduplication.
  var key: @Sendable (Item) -> String

  /// The largest number of pages read before giving up (a server whose total keeps growing).
  static var maxPages: Int { 100_000 }

  func fetchAll(
    _ fetch: @escaping @Sendable (_ path: String) async throws(OpperAPIError) -> Page<Item>
  ) async throws(OpperAPIError) -> [Item] {
    let first = try await fetch(pagePath(offset: 0))
    var pages: [Int: [Item]] = [0: first.data]
    var total = first.meta.totalCount
    var nextOffset = pageSize
    // Keep going while the known total says there is more; a growing total extends the plan.
    while nextOffset < total, pages.count < Self.maxPages {
      let offsets = Array(stride(from: nextOffset, to: total, by: pageSize))
      let round = try await fetchParallel(offsets: offsets, fetch)
      var lastShort = false
      for (offset, page) in round {
        pages[offset] = page.data
        total = max(total, page.meta.totalCount)
        if offset == offsets.last, page.data.count < pageSize { lastShort = true }
      }
      nextOffset = (offsets.last ?? nextOffset) + pageSize
      if lastShort { break }
    }
    var seen = Set<String>()
    var items: [Item] = []
    items.reserveCapacity(total)
    for offset in pages.keys.sorted() {
      // Each page is dropped once copied, so the list is never held twice (100k aliases: ~30 MB).
      for item in pages.removeValue(forKey: offset) ?? [] where seen.insert(key(item)).inserted {
        items.append(item)
      }
    }
    return items
  }

  func pagePath(offset: Int) -> String {
    "\(path)?offset=\(offset)&limit=\(pageSize)"
  }

  private func fetchParallel(
    offsets: [Int],
    _ fetch: @escaping @Sendable (_ path: String) async throws(OpperAPIError) -> Page<Item>
  ) async throws(OpperAPIError) -> [(Int, Page<Item>)] {
    let width = max(1, concurrency)
    let paths = offsets.map { (offset: $0, path: pagePath(offset: $0)) }
    let result = await withTaskGroup(
      of: (Int, Result<Page<Item>, OpperAPIError>).self,
      returning: Result<[(Int, Page<Item>)], OpperAPIError>.self
    ) { group in
      var iterator = paths.makeIterator()
      func startNext() -> Bool {
        guard let next = iterator.next() else { return false }
        group.addTask {
          do throws(OpperAPIError) {
            return (next.offset, .success(try await fetch(next.path)))
          } catch {
            return (next.offset, .failure(error))
          }
        }
        return true
      }
      for _ in 0..<width {
        if !startNext() { break }
      }
      var done: [(Int, Page<Item>)] = []
      while let (offset, outcome) = await group.next() {
        switch outcome {
        case .success(let page):
          done.append((offset, page))
          _ = startNext()
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
