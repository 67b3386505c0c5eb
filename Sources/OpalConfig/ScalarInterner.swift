import OpalYAML

/// Makes one `String` per distinct scalar text: model names repeat across thousands of aliases,
/// and a shared string costs a retain where a new one costs an allocation and its bytes.
/// Looked up by the scalar's bytes (a hash table of its own), so a repeat makes no `String`.
struct ScalarInterner {
  private var slots: [(hash: Int, string: String)?] = Array(repeating: nil, count: 64)
  private var count = 0

  /// The scalar's text, shared with every earlier scalar of the same bytes.
  mutating func string(_ node: YAMLDocument.NodeID, in doc: YAMLDocument) -> String {
    doc.withScalarBytes(node) { b in
      let h = Self.hash(b)
      var i = h & (slots.count - 1)
      while let slot = slots[i] {
        if slot.hash == h, slot.string.utf8.elementsEqual(b) { return slot.string }
        i = (i + 1) & (slots.count - 1)
      }
      let s = String(decoding: b, as: UTF8.self)
      insert(s, hash: h)
      return s
    }
  }

  private mutating func insert(_ s: String, hash h: Int) {
    if (count + 1) * 2 > slots.count {
      let old = slots
      slots = Array(repeating: nil, count: old.count * 2)
      for case let slot? in old { place(slot) }
    }
    place((h, s))
    count += 1
  }

  private mutating func place(_ slot: (hash: Int, string: String)) {
    var i = slot.hash & (slots.count - 1)
    while slots[i] != nil { i = (i + 1) & (slots.count - 1) }
    slots[i] = slot
  }

  private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    var h = Hasher()
    h.combine(bytes: UnsafeRawBufferPointer(b))
    return h.finalize()
  }
}
