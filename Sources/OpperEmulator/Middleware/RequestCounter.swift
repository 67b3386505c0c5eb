/// Requests seen, by `"METHOD /v2/path"` (the path as requested), for tests and benchmarks,
/// and the most recent ones in the order they arrived (at most `logLimit`), for tests that
/// check the order of an apply's writes.
actor RequestCounter {
  static let logLimit = 10_000
  private(set) var counts: [String: Int] = [:]
  /// The log is `order[head...]`; the dropped front is cut off once it outgrows the log, so
  /// a long run costs amortised O(1) a request, not a shift of 10,000 entries each.
  private var order: [String] = []
  private var head = 0

  func count(_ key: String) {
    counts[key, default: 0] += 1
    order.append(key)
    if order.count - head > Self.logLimit { head += 1 }
    if head >= Self.logLimit {
      order.removeFirst(head)
      head = 0
    }
  }

  /// The requests in arrival order (the most recent `logLimit`).
  var log: [String] { Array(order[head...]) }

  func reset() {
    counts = [:]
    order = []
    head = 0
  }
}
