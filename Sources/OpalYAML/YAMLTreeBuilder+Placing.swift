import OpalCore

/// Placing nodes: each finished node goes to the frame above it (a mapping's key or value, a
/// sequence's element) or becomes the root, with the mapping's key index for duplicate and
/// merge lookups, the merge keys' pairs, and the tags' ids.
extension YAMLTreeBuilder {
  mutating func deliver(_ id: Int32, size: Int, height: Int, bytes: Int) {
    guard !frames.isEmpty else {
      doc.root = YAMLDocument.NodeID(index: id)
      hasRoot = true
      return
    }
    let top = frames.count - 1
    frames[top].size += size
    frames[top].bytes += bytes
    if height + 1 > frames[top].height { frames[top].height = height + 1 }
    guard frames[top].isMapping else {
      pending.append(id)
      return
    }
    if (pending.count - frames[top].childStart) % 2 == 1 {
      // `id` is a value: it completes the pair whose key is last in `pending`.
      if frames[top].pendingIsMerge {
        frames[top].pendingIsMerge = false
        pending.removeLast()
        addMerge(id, to: top)
      } else if frames[top].pendingIsDuplicate {
        frames[top].pendingIsDuplicate = false
        pending.removeLast()
      } else {
        pending.append(id)
        indexLastKey(of: top)
        if frames[top].handsOverEntries { handOverEntry(value: id) }
      }
      return
    }
    pending.append(id)
    let key = YAMLDocument.NodeID(index: id)
    guard doc.isScalar(key) else { return }
    if doc.style(key) == .plain, doc.scalarEquals(key, "<<"),
      doc.tag(key) == nil || doc.tag(key) == Self.mergeTag
    {
      frames[top].pendingIsMerge = true
      return
    }
    if let first = firstKey(key, in: top) {
      frames[top].pendingIsDuplicate = true
      duplicateKey(key, first: doc.mark(first))
    } else if frames[top].handsOverEntries {
      markEntry(key: id)
    }
  }

  /// The earlier key of the top mapping with the same text, if any.
  mutating func firstKey(_ key: YAMLDocument.NodeID, in top: Int) -> YAMLDocument.NodeID? {
    // A large mapping's index takes the key in as it looks it up: a key that is no duplicate
    // always completes a pair.
    if frames[top].hasKeyIndex { return keyIndexes[top]?.firstOrInsert(key, in: doc) }
    // Keys sit at even offsets; the last entry is `key` itself.
    return MappingKeyIndex.firstByScan(
      key, amongPairs: pending[frames[top].childStart..<(pending.count - 1)], in: doc)
  }

  /// Adds the key of the pair just completed to the mapping's index, making the index once
  /// the mapping has a few pairs.
  mutating func indexLastKey(of top: Int) {
    let start = frames[top].childStart
    let pairs = (pending.count - start) / 2
    if !frames[top].hasKeyIndex && pairs >= Self.linearKeyScanLimit {
      var index = MappingKeyIndex(capacity: pairs * 2)
      for k in stride(from: start, to: pending.count, by: 2) {
        let key = YAMLDocument.NodeID(index: pending[k])
        if doc.isScalar(key) { _ = index.firstOrInsert(key, in: doc) }
      }
      while keyIndexes.count <= top { keyIndexes.append(nil) }
      keyIndexes[top] = index
      frames[top].hasKeyIndex = true
    }
  }

  mutating func addMerge(_ id: Int32, to top: Int) {
    let node = YAMLDocument.NodeID(index: id)
    switch doc.shape(node) {
    case .mapping:
      while frameMerges.count <= top { frameMerges.append([]) }
      frameMerges[top].append(id)
      frames[top].hasMerges = true
    case .sequence where (0..<doc.count(node)).allSatisfy({ doc.isMapping(doc.item(node, $0)) }):
      while frameMerges.count <= top { frameMerges.append([]) }
      for i in 0..<doc.count(node) { frameMerges[top].append(doc.item(node, i).index) }
      frames[top].hasMerges = true
    default:
      diagnostics.append(
        .error(
          "merge key '<<' takes a mapping or a list of mappings, not \(doc.kindDescription(node))",
          at: location(doc.mark(node))))
    }
  }

  /// The pairs of a mapping with merges: merged pairs first (earlier sources win), then the
  /// mapping's own keys, which win.
  func mergedPairs(_ frame: Frame, merges: [Int32]) -> [Int32] {
    let own = pending[frame.childStart...]
    var seen = Set<String>()
    for k in stride(from: own.startIndex, to: own.endIndex, by: 2) {
      if let t = doc.scalarText(YAMLDocument.NodeID(index: own[k])) { seen.insert(t) }
    }
    var merged: [Int32] = []
    for source in merges {
      let node = YAMLDocument.NodeID(index: source)
      for i in 0..<doc.count(node) {
        if let t = doc.scalarText(doc.key(node, i)) {
          guard seen.insert(t).inserted else { continue }
        }
        merged.append(doc.key(node, i).index)
        merged.append(doc.value(node, i).index)
      }
    }
    return merged + own
  }

  mutating func tagID(_ bytes: UnsafeBufferPointer<UInt8>?) -> Int32 {
    guard let tag = YAMLEvent.string(bytes) else { return -1 }
    if let id = tagIDs[tag] { return id }
    tagNames.append(tag)
    let id = Int32(tagNames.count - 1)
    tagIDs[tag] = id
    return id
  }
}
