/// Handing the entries of one top-level mapping to a `YAMLEntryReader` as they complete, and
/// dropping their nodes: at 100,000 aliases the document then never holds more than one
/// alias's nodes (it held ~55 MB of them, beside the config read from them).
extension YAMLTreeBuilder {
  /// The document's sizes when an entry's key had been read: its value's nodes, text and
  /// children lists are what lies beyond.
  struct EntryMark {
    let key: Int32
    let records: Int
    let text: Int
    let children: Int
    let anchors: Int
    let tags: Int
    let unresolved: Int
  }

  /// Marks the mapping just opened as handing its entries over, when it is the value of a key
  /// of the root mapping that the reader asks for.
  mutating func beginHandingOverEntries() {
    guard let reader = entryReader, frames.count == 2, frames[0].isMapping else { return }
    let root = frames[0]
    guard !root.pendingIsMerge, !root.pendingIsDuplicate,
      (pending.count - root.childStart) % 2 == 1
    else { return }
    let key = YAMLDocument.NodeID(index: pending[pending.count - 1])
    guard doc.isScalar(key), reader.readsEntries(under: key, in: doc) else { return }
    frames[1].handsOverEntries = true
  }

  /// Notes where the entry whose key `key` was just placed begins.
  mutating func markEntry(key: Int32) {
    entryMark = EntryMark(
      key: key, records: doc.records.count, text: doc.text.count, children: doc.children.count,
      anchors: anchorsDefined, tags: doc.tags.count, unresolved: doc.unresolvedAliases.count)
  }

  /// Hands the entry whose value `id` just completed to the reader, then drops the value's nodes
  /// and leaves an empty mapping in its place. An entry is kept as it is when its value was not
  /// written in place as a mapping, or when anything inside it (an anchor, a tag, an alias to no
  /// anchor) is remembered by the document beyond the entry.
  mutating func handOverEntry(value id: Int32) {
    guard let mark = entryMark, let reader = entryReader else { return }
    entryMark = nil
    guard !aborted, pending.count >= 2, pending[pending.count - 2] == mark.key, id > mark.key,
      Int(id) == doc.records.count - 1, doc.records[Int(id)].shape == .mapping,
      anchorsDefined == mark.anchors, doc.tags.count == mark.tags,
      doc.unresolvedAliases.count == mark.unresolved
    else { return }
    let entry = YAMLHandedEntry(
      mappingKey: YAMLDocument.NodeID(index: pending[frames[1].childStart - 1]),
      key: YAMLDocument.NodeID(index: mark.key), value: YAMLDocument.NodeID(index: id))
    reader.read(entry, in: &doc)
    // A reader that did not give the document back as lent leaves the entry where it is.
    guard Int(id) == doc.records.count - 1 else { return }
    let value = doc.records[Int(id)]
    // Removing from the end keeps each array's capacity for the next entry.
    doc.records.removeLast(doc.records.count - mark.records)
    doc.text.removeLast(doc.text.count - mark.text)
    doc.children.removeLast(doc.children.count - mark.children)
    let placeholder = addRecord(
      YAMLDocument.Record(
        line: value.line, column: value.column, start: UInt32(doc.children.count), count: 0,
        hasTag: false, shape: .mapping, style: .plain, isAnchored: false))
    doc.handedOver.insert(placeholder)
    pending[pending.count - 1] = placeholder
  }
}
