/// Did-you-mean suggestions: the candidates closest to a misspelt name.
public enum NearestNames {
  /// Up to `limit` candidates within a reasonable edit distance of `name`, closest first.
  public static func suggest(_ name: String, from candidates: some Sequence<String>, limit: Int = 3)
    -> [String]
  {
    let lowered = name.lowercased()
    let budget = max(2, lowered.count / 3)
    var scored: [(Int, String)] = []
    for candidate in candidates {
      let c = candidate.lowercased()
      var d = editDistance(lowered, c, cap: budget + 1)
      // A candidate that contains the name (or its last path part) is a good hint too.
      if d > budget, !lowered.isEmpty {
        let tail = lowered.split(separator: "/").last.map(String.init) ?? lowered
        if c.hasSuffix("/" + tail) || c.contains(lowered) { d = budget }
      }
      if d <= budget { scored.append((d, candidate)) }
    }
    scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    return scored.prefix(limit).map(\.1)
  }

  /// Levenshtein distance with an early exit once every path exceeds `cap`.
  public static func editDistance(_ a: String, _ b: String, cap: Int = .max) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if abs(a.count - b.count) >= cap { return cap }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMin = current[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        rowMin = min(rowMin, current[j])
      }
      if rowMin >= cap { return cap }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
