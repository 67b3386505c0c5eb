import OpalCore

/// One YAML document held flat: every node is a fixed-size record in one array, collections
/// list their children's ids in another, and scalar text lives in one byte buffer. Reading a
/// large file costs a few growing arrays instead of an allocation per node.
///
/// A node reached through an alias is the anchored node itself (the same id), so a document's
/// size in memory follows its text, not its expansion. Merge keys (`<<`) are already applied.
public struct YAMLDocument: Sendable {
  /// A node of this document.
  public struct NodeID: Hashable, Sendable {
    let index: Int32
  }

  /// What a node is.
  public enum Shape: UInt8, Sendable {
    case scalar, sequence, mapping
  }

  /// One node: 24 bytes.
  struct Record {
    var line: Int32
    var column: Int32
    /// Scalar: offset of its text in `text`; collection: offset of its children in `children`.
    var start: UInt32
    /// Scalar: bytes of text; sequence: items; mapping: pairs (two children each).
    var count: UInt32
    /// Index into `tags`, or -1.
    var tag: Int32
    var shape: Shape
    var style: YAMLNode.ScalarStyle
    /// Whether an anchor names this node (aliases may share it).
    var isAnchored: Bool
  }

  var records: [Record] = []
  var children: [Int32] = []
  var text: [UInt8] = []
  var tags: [String] = []
  /// The document's root (set once the document is complete).
  public internal(set) var root = NodeID(index: 0)

  init() {}

  // MARK: - Reading nodes

  public func shape(_ n: NodeID) -> Shape { records[Int(n.index)].shape }

  /// Where the node starts, 1-based.
  public func mark(_ n: NodeID) -> Mark {
    let r = records[Int(n.index)]
    return Mark(line: Int(r.line), column: Int(r.column))
  }

  /// The resolved tag (`tag:yaml.org,2002:str`, ...), or nil when the node had none.
  public func tag(_ n: NodeID) -> String? {
    let t = records[Int(n.index)].tag
    return t < 0 ? nil : tags[Int(t)]
  }

  /// How a scalar was written (`.plain` for collections).
  public func style(_ n: NodeID) -> YAMLNode.ScalarStyle { records[Int(n.index)].style }

  /// Items of a sequence or pairs of a mapping; 0 for a scalar.
  public func count(_ n: NodeID) -> Int {
    let r = records[Int(n.index)]
    return r.shape == .scalar ? 0 : Int(r.count)
  }

  /// Item `i` of a sequence.
  public func item(_ n: NodeID, _ i: Int) -> NodeID {
    NodeID(index: children[Int(records[Int(n.index)].start) + i])
  }

  /// The key of pair `i` of a mapping.
  public func key(_ n: NodeID, _ i: Int) -> NodeID {
    NodeID(index: children[Int(records[Int(n.index)].start) + 2 * i])
  }

  /// The value of pair `i` of a mapping.
  public func value(_ n: NodeID, _ i: Int) -> NodeID {
    NodeID(index: children[Int(records[Int(n.index)].start) + 2 * i + 1])
  }

  public func isScalar(_ n: NodeID) -> Bool { shape(n) == .scalar }
  public func isSequence(_ n: NodeID) -> Bool { shape(n) == .sequence }
  public func isMapping(_ n: NodeID) -> Bool { shape(n) == .mapping }

  /// The scalar's text, when this is a scalar (a new `String`; compare with `scalarEquals`).
  public func scalarText(_ n: NodeID) -> String? {
    let r = records[Int(n.index)]
    guard r.shape == .scalar else { return nil }
    return withBytes(r) { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether the node is a scalar whose text is `s`, compared byte for byte with no `String`
  /// made (for ASCII `s`, the same answer as `scalarText(n) == s`).
  public func scalarEquals(_ n: NodeID, _ s: StaticString) -> Bool {
    let r = records[Int(n.index)]
    guard r.shape == .scalar, Int(r.count) == s.utf8CodeUnitCount else { return false }
    return withBytes(r) { b in
      s.withUTF8Buffer { k in
        for i in 0..<k.count where b[i] != k[i] { return false }
        return true
      }
    }
  }

  /// Bytes of a scalar's UTF-8 text, valid inside `body` only.
  public func withScalarBytes<T>(_ n: NodeID, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    let r = records[Int(n.index)]
    return r.shape == .scalar ? withBytes(r, body) : body(UnsafeBufferPointer(start: nil, count: 0))
  }

  /// Bytes of a scalar's text in UTF-8.
  public func scalarByteCount(_ n: NodeID) -> Int {
    let r = records[Int(n.index)]
    return r.shape == .scalar ? Int(r.count) : 0
  }

  func withBytes<T>(_ r: Record, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    text.withUnsafeBufferPointer { all in
      body(UnsafeBufferPointer(rebasing: all[Int(r.start)..<Int(r.start) + Int(r.count)]))
    }
  }

  /// The scalar resolved by the YAML 1.2 core schema; `.null` for collections.
  public func scalarValue(_ n: NodeID) -> JSONValue {
    let r = records[Int(n.index)]
    guard r.shape == .scalar else { return .null }
    let tag = r.tag < 0 ? nil : tags[Int(r.tag)]
    return withBytes(r) { b in
      ScalarResolver.resolve(bytes: b, style: r.style, tag: tag)
        ?? .string(String(decoding: b, as: UTF8.self))
    }
  }

  /// Whether the node is a scalar that the core schema reads as a string (no `String` made).
  public func isStringScalar(_ n: NodeID) -> Bool {
    let r = records[Int(n.index)]
    guard r.shape == .scalar else { return false }
    let tag = r.tag < 0 ? nil : tags[Int(r.tag)]
    return withBytes(r) {
      switch ScalarResolver.resolve(bytes: $0, style: r.style, tag: tag) {
      case nil, .string: return true
      default: return false
      }
    }
  }

  /// A short name of the node's kind after scalar resolution, for messages ("a string", "a list").
  public func kindDescription(_ n: NodeID) -> String {
    switch shape(n) {
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .scalar:
      switch scalarValue(n) {
      case .null: return "null"
      case .bool: return "a boolean"
      case .integer: return "an integer"
      case .number: return "a number"
      default: return "a string"
      }
    }
  }
}
