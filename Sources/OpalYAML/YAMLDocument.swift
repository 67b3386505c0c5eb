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
    @usableFromInline let index: Int32

    @inlinable init(index: Int32) { self.index = index }
  }

  /// What a node is.
  public enum Shape: UInt8, Sendable {
    case scalar, sequence, mapping
  }

  /// One node: 24 bytes.
  @usableFromInline struct Record: Sendable {
    @usableFromInline var line: Int32
    @usableFromInline var column: Int32
    /// Scalar: offset of its text in `text`; collection: offset of its children in `children`.
    @usableFromInline var start: UInt32
    /// Scalar: bytes of text; sequence: items; mapping: pairs (two children each).
    @usableFromInline var count: UInt32
    /// Index into `tags`, or -1.
    @usableFromInline var tag: Int32
    @usableFromInline var shape: Shape
    @usableFromInline var style: YAMLNode.ScalarStyle
    /// Whether an anchor names this node (aliases may share it).
    @usableFromInline var isAnchored: Bool
    /// Whether a scalar's text is all ASCII (where `String` equality is byte equality).
    @usableFromInline var isASCII: Bool = true
  }

  @usableFromInline var records: [Record] = []
  @usableFromInline var children: [Int32] = []
  @usableFromInline var text: [UInt8] = []
  @usableFromInline var tags: [String] = []
  /// Nodes standing in for an alias to no anchor (already reported by the loader).
  var unresolvedAliases: Set<Int32> = []
  /// The document's root (set once the document is complete).
  public internal(set) var root = NodeID(index: 0)

  init() {}

  // MARK: - Reading nodes

  @inlinable public func shape(_ n: NodeID) -> Shape { records[Int(n.index)].shape }

  /// Where the node starts, 1-based.
  @inlinable public func mark(_ n: NodeID) -> Mark {
    let r = records[Int(n.index)]
    return Mark(line: Int(r.line), column: Int(r.column))
  }

  /// The resolved tag (`tag:yaml.org,2002:str`, ...), or nil when the node had none.
  @inlinable public func tag(_ n: NodeID) -> String? {
    let t = records[Int(n.index)].tag
    return t < 0 ? nil : tags[Int(t)]
  }

  /// How a scalar was written (`.plain` for collections).
  @inlinable public func style(_ n: NodeID) -> YAMLNode.ScalarStyle {
    records[Int(n.index)].style
  }

  /// Items of a sequence or pairs of a mapping; 0 for a scalar.
  @inlinable public func count(_ n: NodeID) -> Int {
    let r = records[Int(n.index)]
    return r.shape == .scalar ? 0 : Int(r.count)
  }

  /// Item `i` of a sequence.
  @inlinable public func item(_ n: NodeID, _ i: Int) -> NodeID {
    NodeID(index: children[Int(records[Int(n.index)].start) + i])
  }

  /// The key of pair `i` of a mapping.
  @inlinable public func key(_ n: NodeID, _ i: Int) -> NodeID {
    NodeID(index: children[Int(records[Int(n.index)].start) + 2 * i])
  }

  /// The value of pair `i` of a mapping.
  @inlinable public func value(_ n: NodeID, _ i: Int) -> NodeID {
    NodeID(index: children[Int(records[Int(n.index)].start) + 2 * i + 1])
  }

  /// Whether the node stands in for an alias to no anchor: the loader has reported it, so a
  /// reader says nothing more about it (one error, not a cascade).
  public func isUnresolvedAlias(_ n: NodeID) -> Bool {
    !unresolvedAliases.isEmpty && unresolvedAliases.contains(n.index)
  }

  @inlinable public func isScalar(_ n: NodeID) -> Bool { shape(n) == .scalar }
  @inlinable public func isSequence(_ n: NodeID) -> Bool { shape(n) == .sequence }
  @inlinable public func isMapping(_ n: NodeID) -> Bool { shape(n) == .mapping }

  /// The scalar's text, when this is a scalar (a new `String`; compare with `scalarEquals`).
  @inlinable public func scalarText(_ n: NodeID) -> String? {
    let r = records[Int(n.index)]
    guard r.shape == .scalar else { return nil }
    return withBytes(r) { String(decoding: $0, as: UTF8.self) }
  }

  /// Whether the node is a scalar whose text is `s`, compared byte for byte with no `String`
  /// made (for ASCII `s`, the same answer as `scalarText(n) == s`).
  @inlinable public func scalarEquals(_ n: NodeID, _ s: StaticString) -> Bool {
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
  @inlinable
  public func withScalarBytes<T>(_ n: NodeID, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    let r = records[Int(n.index)]
    return r.shape == .scalar ? withBytes(r, body) : body(UnsafeBufferPointer(start: nil, count: 0))
  }

  /// Whether the node is a scalar whose text is all ASCII: then two such scalars hold equal
  /// `String`s exactly when their bytes are equal.
  @inlinable public func isASCIIScalar(_ n: NodeID) -> Bool {
    let r = records[Int(n.index)]
    return r.shape == .scalar && r.isASCII
  }

  /// Bytes of a scalar's text in UTF-8.
  @inlinable public func scalarByteCount(_ n: NodeID) -> Int {
    let r = records[Int(n.index)]
    return r.shape == .scalar ? Int(r.count) : 0
  }

  @inlinable func withBytes<T>(_ r: Record, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
    text.withUnsafeBufferPointer { all in
      body(UnsafeBufferPointer(rebasing: all[Int(r.start)..<Int(r.start) + Int(r.count)]))
    }
  }

  /// The scalar resolved by the YAML 1.2 core schema; `.null` for collections.
  @inlinable public func scalarValue(_ n: NodeID) -> JSONValue {
    let r = records[Int(n.index)]
    guard r.shape == .scalar else { return .null }
    let tag = r.tag < 0 ? nil : tags[Int(r.tag)]
    return withBytes(r) { b in
      ScalarResolver.resolve(bytes: b, style: r.style, tag: tag)
        ?? .string(String(decoding: b, as: UTF8.self))
    }
  }

  /// Whether the node is a scalar that the core schema reads as a string (no `String` made).
  @inlinable public func isStringScalar(_ n: NodeID) -> Bool {
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
