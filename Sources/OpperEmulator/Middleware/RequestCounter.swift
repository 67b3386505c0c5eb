/// Requests seen, by `"METHOD /v2/path"` (the path as requested), for tests and benchmarks,
/// and the most recent ones in the order they arrived (at most `logLimit`), for tests that
/// check the order of an apply's writes.
actor RequestCounter {
  static let logLimit = 10_000
  private(set) var counts: [String: Int] = [:]
  private var order: [String] = []

  func count(_ key: String) {
    counts[key, default: 0] += 1
    if order.count >= Self.logLimit { order.removeFirst(order.count - Self.logLimit + 1) }
    order.append(key)
  }

  /// The requests in arrival order (the most recent `logLimit`).
  var log: [String] { order }

  func reset() {
    counts = [:]
    order = []
  }
}
