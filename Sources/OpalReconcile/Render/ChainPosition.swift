/// How a renderer states where a hop of a chain diff sits, 1-based as people count: `added at
/// 2`, `removed from 3`, `moved 1 → 3`, and for a kept hop that shifted, `2 → 1`.
struct ChainPosition {
  let hop: ChainHopChange

  init(_ hop: ChainHopChange) {
    self.hop = hop
  }

  /// `old → new` for a kept hop whose position changed; nil when it did not.
  var shift: String? {
    guard hop.positionChanged, let old = hop.oldIndex, let new = hop.newIndex else { return nil }
    return "\(old + 1) → \(new + 1)"
  }

  /// The position note of an added, removed or moved hop.
  var label: String {
    switch hop.mark {
    case .added: "added at \((hop.newIndex ?? 0) + 1)"
    case .removed: "removed from \((hop.oldIndex ?? 0) + 1)"
    case .moved: "moved \((hop.oldIndex ?? 0) + 1) → \((hop.newIndex ?? 0) + 1)"
    case .kept: shift ?? "at \((hop.newIndex ?? 0) + 1)"
    }
  }
}
