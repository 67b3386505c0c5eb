import CYAML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One libyaml event as `YAMLTreeBuilder` reads it: its kind, where it starts, and its bytes
/// (scalar text, anchor or alias name, tag). The bytes point into libyaml's event or into a
/// `YAMLEventBatch` and are valid only while that is; nothing is copied to make one.
struct YAMLEvent {
  /// The events the builder acts on; the rest (stream start, document end) are `ignored`.
  enum Kind: UInt8 {
    case ignored, streamEnd, documentStart, scalar, alias, sequenceStart, mappingStart
    case collectionEnd
  }

  var kind: Kind
  /// 1-based, as `Mark`.
  var line: Int
  var column: Int
  var style: YAMLNode.ScalarStyle = .plain
  /// A scalar's text (may hold NUL bytes: its length is explicit).
  var value = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  /// A node's anchor (`&name`), or an alias's name (`*name`).
  var anchor: UnsafeBufferPointer<UInt8>?
  var tag: UnsafeBufferPointer<UInt8>?

  var mark: Mark { Mark(line: line, column: column) }

  init(
    kind: Kind, line: Int, column: Int, style: YAMLNode.ScalarStyle = .plain,
    value: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0),
    anchor: UnsafeBufferPointer<UInt8>? = nil, tag: UnsafeBufferPointer<UInt8>? = nil
  ) {
    self.kind = kind
    self.line = line
    self.column = column
    self.style = style
    self.value = value
    self.anchor = anchor
    self.tag = tag
  }

  /// A view of libyaml's event at `e`, valid until it is deleted (read in place: an event is
  /// ~100 bytes).
  init(_ e: UnsafePointer<yaml_event_t>) {
    let type = e.pointee.type
    kind = Self.kind(type)
    line = Int(e.pointee.start_mark.line) + 1
    column = Int(e.pointee.start_mark.column) + 1
    switch type {
    case YAML_SCALAR_EVENT:
      value = UnsafeBufferPointer(
        start: e.pointee.data.scalar.value, count: e.pointee.data.scalar.length)
      style = Self.style(e.pointee.data.scalar.style)
      anchor = Self.bytes(e.pointee.data.scalar.anchor)
      tag = Self.bytes(e.pointee.data.scalar.tag)
    case YAML_ALIAS_EVENT:
      anchor = Self.bytes(e.pointee.data.alias.anchor)
    case YAML_SEQUENCE_START_EVENT:
      anchor = Self.bytes(e.pointee.data.sequence_start.anchor)
      tag = Self.bytes(e.pointee.data.sequence_start.tag)
    case YAML_MAPPING_START_EVENT:
      anchor = Self.bytes(e.pointee.data.mapping_start.anchor)
      tag = Self.bytes(e.pointee.data.mapping_start.tag)
    default:
      break
    }
  }

  static func kind(_ type: yaml_event_type_t) -> Kind {
    switch type {
    case YAML_STREAM_END_EVENT: return .streamEnd
    case YAML_DOCUMENT_START_EVENT: return .documentStart
    case YAML_SCALAR_EVENT: return .scalar
    case YAML_ALIAS_EVENT: return .alias
    case YAML_SEQUENCE_START_EVENT: return .sequenceStart
    case YAML_MAPPING_START_EVENT: return .mappingStart
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: return .collectionEnd
    default: return .ignored
    }
  }

  static func style(_ s: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
    switch s {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: return .literal
    case YAML_FOLDED_SCALAR_STYLE: return .folded
    default: return .plain
    }
  }

  /// A NUL-terminated libyaml string's bytes (anchors and tags hold no NUL).
  private static func bytes(_ p: UnsafeMutablePointer<yaml_char_t>?) -> UnsafeBufferPointer<UInt8>? {
    guard let p else { return nil }
    return UnsafeBufferPointer(
      start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)))
  }

  /// A name or tag as a `String`.
  static func string(_ b: UnsafeBufferPointer<UInt8>?) -> String? {
    b.map { String(decoding: $0, as: UTF8.self) }
  }
}
