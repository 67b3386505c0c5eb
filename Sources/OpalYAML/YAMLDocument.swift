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

  /// One node: 16 bytes. Line, column and a scalar's text offset are below 2^29 (the builder
  /// refuses files of 2^29 bytes or more), so their top three bits hold the node's flags; a
  /// node's tag, rare in a config, is looked up in `tags` only when `hasTag` says it has one.
  @usableFromInline struct Record: Sendable {
    @usableFromInline static let valueBits: UInt32 = 29
    @usableFromInline static let valueMask: UInt32 = (1 << 29) - 1

    /// Line, then whether the node has a tag, is anchored, and is an all-ASCII scalar.
    @usableFromInline var lineAndFlags: UInt32
    /// Column, then the shape (2 bits).
    @usableFromInline var columnAndShape: UInt32
    /// Scalar: offset of its text in `text`, then its style (3 bits); collection: offset of its
    /// children in `children` (all 32 bits).
    @usableFromInline var startAndStyle: UInt32
    /// Scalar: bytes of text; sequence: items; mapping: pairs (two children each).
    @usableFromInline var count: UInt32

    @usableFromInline init(
      line: Int32, column: Int32, start: UInt32, count: UInt32, hasTag: Bool, shape: Shape,
      style: YAMLNode.ScalarStyle, isAnchored: Bool, isASCII: Bool = true
    ) {
      var flags: UInt32 = hasTag ? 1 : 0
      if isAnchored { flags |= 2 }
      if isASCII { flags |= 4 }
      lineAndFlags = UInt32(truncatingIfNeeded: line) | flags << Self.valueBits
      columnAndShape = UInt32(truncatingIfNeeded: column) | UInt32(shape.rawValue) << Self.valueBits
      startAndStyle = shape == .scalar ? start | UInt32(style.code) << Self.valueBits : start
      self.count = count
    }

    @inlinable @inline(__always) var line: Int32 { Int32(lineAndFlags & Self.valueMask) }
    @inlinable @inline(__always) var column: Int32 { Int32(columnAndShape & Self.valueMask) }
    @inlinable @inline(__always) var shape: Shape {
      // Only the three shapes' raw values are ever stored.
      unsafeBitCast(UInt8(truncatingIfNeeded: columnAndShape >> Self.valueBits), to: Shape.self)
    }
    @inlinable @inline(__always) var isScalar: Bool { columnAndShape >> Self.valueBits == 0 }
    @inlinable @inline(__always) var start: UInt32 {
      isScalar ? startAndStyle & Self.valueMask : startAndStyle
    }
    @inlinable @inline(__always) var style: YAMLNode.ScalarStyle {
      isScalar ? YAMLNode.ScalarStyle(code: UInt8(startAndStyle >> Self.valueBits)) : .plain
    }
    @inlinable @inline(__always) var hasTag: Bool { lineAndFlags >> Self.valueBits & 1 != 0 }
    @inlinable @inline(__always) var isAnchored: Bool { lineAndFlags >> Self.valueBits & 2 != 0 }
    @inlinable @inline(__always) var isASCII: Bool { lineAndFlags >> Self.valueBits & 4 != 0 }
  }

  @usableFromInline var records: [Record] = []
  @usableFromInline var children: [Int32] = []
  @usableFromInline var text: [UInt8] = []
  /// The resolved tag of each node that has one, by node index.
  @usableFromInline var tags: [Int32: String] = [:]
  /// Nodes standing in for an alias to no anchor (already reported by the loader).
  var unresolvedAliases: Set<Int32> = []
  /// Empty mappings standing in for values read by a `YAMLEntryReader` and then dropped.
  var handedOver: Set<Int32> = []
  /// The document's root (set once the document is complete).
  public internal(set) var root = NodeID(index: 0)

  /// An empty document, to hold until one is lent (see `YAMLEntryReader`).
  public init() {}

  // MARK: - Reading nodes

  @inlinable @inline(__always) public func shape(_ n: NodeID) -> Shape { records[Int(n.index)].shape }

  /// Where the node starts, 1-based.
  @inlinable @inline(__always) public func mark(_ n: NodeID) -> Mark {
    let r = records[Int(n.index)]
    return Mark(line: Int(r.line), column: Int(r.column))
  }

  /// The resolved tag (`tag:yaml.org,2002:str`, ...), or nil when the node had none.
  @inlinable public func tag(_ n: NodeID) -> String? {
    records[Int(n.index)].hasTag ? tagText(n.index) : nil
  }

  /// The tag of a node whose record says it has one.
  @usableFromInline func tagText(_ index: Int32) -> String? { tags[index] }

  /// How a scalar was written (`.plain` for collections).
  @inlinable @inline(__always) public func style(_ n: NodeID) -> YAMLNode.ScalarStyle {
    records[Int(n.index)].style
  }

  /// Items of a sequence or pairs of a mapping; 0 for a scalar.
  @inlinable @inline(__always) public func count(_ n: NodeID) -> Int {
    let r = records[Int(n.index)]
    return r.shape == .scalar ? 0 : Int(r.count)
  }

  /// Item `i` of a sequence.
  @inlinable @inline(__always) public func item(_ n: NodeID, _ i: Int) -> NodeID {
    NodeID(index: children[Int(records[Int(n.index)].start) + i])
  }

  /// The key of pair `i` of a mapping.
  @inlinable @inline(__always) public func key(_ n: NodeID, _ i: Int) -> NodeID {
    NodeID(index: children[Int(records[Int(n.index)].start) + 2 * i])
  }

  /// The value of pair `i` of a mapping.
  @inlinable @inline(__always) public func value(_ n: NodeID, _ i: Int) -> NodeID {
    NodeID(index: children[Int(records[Int(n.index)].start) + 2 * i + 1])
  }

  /// Whether the node stands in for an alias to no anchor: the loader has reported it, so a
  /// reader says nothing more about it (one error, not a cascade).
  public func isUnresolvedAlias(_ n: NodeID) -> Bool {
    !unresolvedAliases.isEmpty && unresolvedAliases.contains(n.index)
  }

  /// How many values a `YAMLEntryReader` read and left empty mappings for.
  public var handedOverCount: Int { handedOver.count }

  /// Whether the node is the empty mapping left where a `YAMLEntryReader` read a value.
  public func isHandedOver(_ n: NodeID) -> Bool {
    !handedOver.isEmpty && handedOver.contains(n.index)
  }

  @inlinable @inline(__always) public func isScalar(_ n: NodeID) -> Bool { shape(n) == .scalar }
  @inlinable @inline(__always) public func isSequence(_ n: NodeID) -> Bool { shape(n) == .sequence }
  @inlinable @inline(__always) public func isMapping(_ n: NodeID) -> Bool { shape(n) == .mapping }

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
  @inlinable @inline(__always) public func isASCIIScalar(_ n: NodeID) -> Bool {
    let r = records[Int(n.index)]
    return r.shape == .scalar && r.isASCII
  }

  /// Bytes of a scalar's text in UTF-8.
  @inlinable @inline(__always) public func scalarByteCount(_ n: NodeID) -> Int {
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
    let tag = r.hasTag ? tagText(n.index) : nil
    return withBytes(r) { b in
      ScalarResolver.resolve(bytes: b, style: r.style, tag: tag)
        ?? .string(String(decoding: b, as: UTF8.self))
    }
  }

  /// Whether the node is a scalar that the core schema reads as a string (no `String` made).
  @inlinable public func isStringScalar(_ n: NodeID) -> Bool {
    let r = records[Int(n.index)]
    guard r.shape == .scalar else { return false }
    let tag = r.hasTag ? tagText(n.index) : nil
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

extension YAMLNode.ScalarStyle {
  /// The style as three bits of a `YAMLDocument.Record`.
  @inlinable var code: UInt8 {
    switch self {
    case .plain: 0
    case .singleQuoted: 1
    case .doubleQuoted: 2
    case .literal: 3
    case .folded: 4
    }
  }

  @inlinable init(code: UInt8) {
    switch code {
    case 1: self = .singleQuoted
    case 2: self = .doubleQuoted
    case 3: self = .literal
    case 4: self = .folded
    default: self = .plain
    }
  }
}
