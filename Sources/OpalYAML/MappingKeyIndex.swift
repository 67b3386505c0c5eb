#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The scalar keys of one large mapping, for finding duplicate keys while the mapping is read.
///
/// Keys are compared as `String`s compare them (canonical equivalence). While every key is
/// ASCII — where that is byte equality — the index hashes the keys' bytes in the document and
/// makes no `String`; the first non-ASCII key moves it to a `[String: key]` dictionary.
struct MappingKeyIndex {
  /// Key node ids, open addressing with linear probing; -1 is empty. Capacity a power of two.
  private var slots: [Int32]
  private var hashes: [Int]
  private var count = 0
  /// Every key by its text, once a key is not ASCII.
  private var byText: [String: Int32]?

  init(capacity: Int) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = Array(repeating: -1, count: size)
    hashes = Array(repeating: 0, count: size)
  }

  /// The first key equal to `key`'s text, if any; otherwise `key` is added and nil returned.
  mutating func firstOrInsert(_ key: YAMLDocument.NodeID, in doc: YAMLDocument)
    -> YAMLDocument.NodeID?
  {
    if byText == nil, !doc.isASCIIScalar(key) { moveToText(in: doc) }
    if byText != nil {
      guard let text = doc.scalarText(key) else { return nil }
      if let first = byText?[text] { return YAMLDocument.NodeID(index: first) }
      byText?[text] = key.index
      return nil
    }
    if (count + 1) * 2 > slots.count { grow() }
    let h = doc.withScalarBytes(key, Self.hash)
    var i = h & (slots.count - 1)
    while slots[i] >= 0 {
      let other = YAMLDocument.NodeID(index: slots[i])
      if hashes[i] == h,
        doc.withScalarBytes(
          key,
          { b in
            doc.withScalarBytes(other) { Self.sameBytes($0, b) }
          })
      {
        return other
      }
      i = (i + 1) & (slots.count - 1)
    }
    slots[i] = key.index
    hashes[i] = h
    count += 1
    return nil
  }

  /// A linear search, for the few keys of a small mapping.
  /// `pairs` alternates keys and values, keys first.
  static func firstByScan(
    _ key: YAMLDocument.NodeID, amongPairs pairs: ArraySlice<Int32>, in doc: YAMLDocument
  ) -> YAMLDocument.NodeID? {
    let ascii = doc.isASCIIScalar(key)
    let length = doc.scalarByteCount(key)
    var text: String?
    for k in stride(from: pairs.startIndex, to: pairs.endIndex, by: 2) {
      let other = YAMLDocument.NodeID(index: pairs[k])
      guard doc.isScalar(other) else { continue }
      let same: Bool
      if ascii && doc.isASCIIScalar(other) {
        same =
          doc.scalarByteCount(other) == length
          && doc.withScalarBytes(key) { b in doc.withScalarBytes(other) { sameBytes($0, b) } }
      } else {
        if text == nil { text = doc.scalarText(key) }
        same = doc.scalarText(other) == text
      }
      if same { return other }
    }
    return nil
  }

  /// Whether two byte runs are equal (`memcmp`).
  static func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let pa = a.baseAddress, let pb = b.baseAddress else { return true }
    return memcmp(pa, pb, a.count) == 0
  }

  private mutating func moveToText(in doc: YAMLDocument) {
    var dict: [String: Int32] = [:]
    // Keep document order so that "first" stays the first written.
    for id in slots.filter({ $0 >= 0 }).sorted() {
      if let text = doc.scalarText(YAMLDocument.NodeID(index: id)), dict[text] == nil {
        dict[text] = id
      }
    }
    byText = dict
    slots = []
    hashes = []
  }

  private mutating func grow() {
    let old = slots
    let oldHashes = hashes
    slots = Array(repeating: -1, count: old.count * 2)
    hashes = Array(repeating: 0, count: old.count * 2)
    for (j, id) in old.enumerated() where id >= 0 {
      var i = oldHashes[j] & (slots.count - 1)
      while slots[i] >= 0 { i = (i + 1) & (slots.count - 1) }
      slots[i] = id
      hashes[i] = oldHashes[j]
    }
  }

  private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    var h = Hasher()
    h.combine(bytes: UnsafeRawBufferPointer(b))
    return h.finalize()
  }

}
