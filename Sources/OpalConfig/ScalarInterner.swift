import OpalYAML

/// Makes one `String` per distinct scalar text: model names repeat across thousands of aliases,
/// and a shared string costs a retain where a new one costs an allocation and its bytes.
/// Looked up by the scalar's bytes (a hash table of its own), so a repeat makes no `String`.
struct ScalarInterner {
  private var slots: [(hash: Int, string: String, bytes: [UInt8])?] = Array(
    repeating: nil, count: 64)
  private var count = 0

  /// The scalar's text, shared with every earlier scalar of the same bytes.
  mutating func string(_ node: YAMLDocument.NodeID, in doc: YAMLDocument) -> String {
    doc.withScalarBytes(node) { b in
      let h = Self.hash(b)
      var i = h & (slots.count - 1)
      while let slot = slots[i] {
        if slot.hash == h, slot.bytes.withUnsafeBufferPointer({ sameBytes($0, b) }) {
          return slot.string
        }
        i = (i + 1) & (slots.count - 1)
      }
      let s = String(decoding: b, as: UTF8.self)
      insert((h, s, Array(b)))
      return s
    }
  }

  /// Every distinct string made so far.
  var strings: [String] { slots.compactMap { $0?.string } }

  private mutating func insert(_ slot: (hash: Int, string: String, bytes: [UInt8])) {
    if (count + 1) * 2 > slots.count {
      let old = slots
      slots = Array(repeating: nil, count: old.count * 2)
      for case let slot? in old { place(slot) }
    }
    place(slot)
    count += 1
  }

  private mutating func place(_ slot: (hash: Int, string: String, bytes: [UInt8])) {
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
