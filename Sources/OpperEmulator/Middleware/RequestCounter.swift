/// Requests seen, by `"METHOD /v2/path"` (the path as requested), for tests and benchmarks.
actor RequestCounter {
  private(set) var counts: [String: Int] = [:]
  func count(_ key: String) { counts[key, default: 0] += 1 }
  func reset() { counts = [:] }
}
