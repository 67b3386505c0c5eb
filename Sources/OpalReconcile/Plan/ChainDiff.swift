/// One hop of an order-aware chain diff.
public struct ChainHopChange: Hashable, Sendable, Codable {
  /// What happened to the hop.
  public enum Mark: String, Hashable, Sendable, Codable {
    /// In both chains, in the same relative order (its position may still shift when hops
    /// before it are added or removed: compare `oldIndex` and `newIndex`).
    case kept
    /// Only in the new chain.
    case added
    /// Only in the old chain.
    case removed
    /// In both chains, but at a position that breaks the old order (a reorder).
    case moved
  }

  public var model: String
  public var mark: Mark
  /// 0-based position in the old chain (nil for an added hop).
  public var oldIndex: Int?
  /// 0-based position in the new chain (nil for a removed hop).
  public var newIndex: Int?

  public init(model: String, mark: Mark, oldIndex: Int?, newIndex: Int?) {
    self.model = model
    self.mark = mark
    self.oldIndex = oldIndex
    self.newIndex = newIndex
  }

  /// True for a hop in both chains whose position differs (kept hops shifted by an insertion
  /// or removal before them, and every moved hop).
  public var positionChanged: Bool {
    guard let oldIndex, let newIndex else { return false }
    return oldIndex != newIndex
  }

  enum CodingKeys: String, CodingKey {
    case model, mark
    case oldIndex = "old_index"
    case newIndex = "new_index"
    case positionChanged = "position_changed"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    model = try c.decode(String.self, forKey: .model)
    mark = try c.decode(Mark.self, forKey: .mark)
    oldIndex = try c.decodeIfPresent(Int.self, forKey: .oldIndex)
    newIndex = try c.decodeIfPresent(Int.self, forKey: .newIndex)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(model, forKey: .model)
    try c.encode(mark, forKey: .mark)
    try c.encode(oldIndex, forKey: .oldIndex)
    try c.encode(newIndex, forKey: .newIndex)
    try c.encode(positionChanged, forKey: .positionChanged)
  }
}

/// The change of a chain's first hop, the model every call tries first: `old` is nil for a
/// create, `new` for a delete.
public typealias PrimaryChange = ValueChange<String>

/// The order-aware diff of two chains: the longest common subsequence stays `kept`; a hop in
/// both chains but outside it is a `moved` hop (a reorder is a move, not a remove + add); the
/// rest are `added` or `removed`. A hop is never `moved` to the position it already held: of
/// the longest common subsequences the one keeping most hops in place is chosen, and a hop
/// left at its old position is `kept`.
public enum ChainDiff {
  /// The first hop's change, or nil when both chains start with the same model.
  public static func primary(old: [String], new: [String]) -> PrimaryChange? {
    old.first == new.first ? nil : PrimaryChange(old: old.first, new: new.first)
  }

  /// The hops of the new chain in order, each removed hop placed after the kept hop that
  /// preceded it in the old chain.
  public static func diff(old: [String], new: [String]) -> [ChainHopChange] {
    let lcs = longestCommonSubsequence(old, new)
    let keptOld = Set(lcs.map(\.0))
    let keptNew = Set(lcs.map(\.1))
    // Old positions not kept, by model, consumed in order so duplicates pair up one to one.
    var leftoverOld: [String: [Int]] = [:]
    for (i, m) in old.enumerated() where !keptOld.contains(i) { leftoverOld[m, default: []].append(i) }
    var newHops: [ChainHopChange] = []
    var movedOld = Set<Int>()
    var oldOfNew: [Int: Int] = [:]
    for (pair) in lcs { oldOfNew[pair.1] = pair.0 }
    for (j, m) in new.enumerated() {
      if keptNew.contains(j) {
        newHops.append(ChainHopChange(model: m, mark: .kept, oldIndex: oldOfNew[j], newIndex: j))
      } else if var slots = leftoverOld[m], !slots.isEmpty {
        let i = slots.removeFirst()
        leftoverOld[m] = slots
        movedOld.insert(i)
        newHops.append(ChainHopChange(model: m, mark: i == j ? .kept : .moved, oldIndex: i, newIndex: j))
      } else {
        newHops.append(ChainHopChange(model: m, mark: .added, oldIndex: nil, newIndex: j))
      }
    }
    // Removed hops go after the last kept hop that preceded them in the old chain.
    var removedAfterKeptOld: [Int: [ChainHopChange]] = [:]  // key -1: before everything
    var lastKept = -1
    for (i, m) in old.enumerated() {
      if keptOld.contains(i) {
        lastKept = i
      } else if !movedOld.contains(i) {
        removedAfterKeptOld[lastKept, default: []].append(
          ChainHopChange(model: m, mark: .removed, oldIndex: i, newIndex: nil))
      }
    }
    var out = removedAfterKeptOld[-1] ?? []
    for hop in newHops {
      out.append(hop)
      if hop.mark == .kept, let i = hop.oldIndex, let removed = removedAfterKeptOld[i] {
        out.append(contentsOf: removed)
      }
    }
    return out
  }

  /// Index pairs (old, new) of a longest common subsequence, in order; among the longest, one
  /// with the most pairs at the same index in both chains.
  static func longestCommonSubsequence(_ a: [String], _ b: [String]) -> [(Int, Int)] {
    let n = a.count
    let m = b.count
    guard n > 0, m > 0 else { return [] }
    // Score: length first, then pairs in place (chains are short, so a pair of ints is cheap).
    var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    let weight = m + n + 1
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        let skip = max(table[i + 1][j], table[i][j + 1])
        if a[i] == b[j] {
          table[i][j] = max(skip, table[i + 1][j + 1] + weight + (i == j ? 1 : 0))
        } else {
          table[i][j] = skip
        }
      }
    }
    var pairs: [(Int, Int)] = []
    var i = 0
    var j = 0
    while i < n, j < m {
      if a[i] == b[j], table[i][j] == table[i + 1][j + 1] + weight + (i == j ? 1 : 0) {
        pairs.append((i, j))
        i += 1
        j += 1
      } else if table[i + 1][j] >= table[i][j + 1] {
        i += 1
      } else {
        j += 1
      }
    }
    return pairs
  }
}
