import OpalCore

/// One node of a YAML document, with the place it starts and its tag.
///
/// Nodes reached through an alias share storage with their anchor (arrays are copy-on-write),
/// so a document's size in memory follows its text, not its expansion.
public struct YAMLNode: Hashable, Sendable {
  /// How a scalar was written; quoted and block scalars are always strings.
  public enum ScalarStyle: Hashable, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
  }

  /// What the node holds.
  public enum Kind: Hashable, Sendable {
    case scalar(String, ScalarStyle)
    case sequence([YAMLNode])
    /// Key/value pairs in document order (merge keys already applied).
    case mapping([YAMLPair])
  }

  public var kind: Kind
  public var mark: Mark
  /// The resolved tag (`tag:yaml.org,2002:str`, ...), or nil when the node had none.
  public var tag: String?

  public init(kind: Kind, mark: Mark, tag: String? = nil) {
    self.kind = kind
    self.mark = mark
    self.tag = tag
  }

  /// The scalar's text, when this is a scalar.
  public var scalarText: String? {
    if case .scalar(let s, _) = kind { return s }
    return nil
  }

  /// The items, when this is a sequence.
  public var sequenceItems: [YAMLNode]? {
    if case .sequence(let items) = kind { return items }
    return nil
  }

  /// The pairs, when this is a mapping.
  public var mappingPairs: [YAMLPair]? {
    if case .mapping(let pairs) = kind { return pairs }
    return nil
  }

  /// The value under a scalar key, when this is a mapping that has it.
  public subscript(key: String) -> YAMLNode? {
    mappingPairs?.first { $0.key.scalarText == key }?.value
  }

  /// A short name of the node's kind after scalar resolution, for messages ("a string", "a list").
  public var kindDescription: String {
    switch kind {
    case .sequence: return "a list"
    case .mapping: return "a mapping"
    case .scalar:
      switch scalarValue {
      case .null: return "null"
      case .bool: return "a boolean"
      case .integer: return "an integer"
      case .number: return "a number"
      default: return "a string"
      }
    }
  }

  /// The scalar resolved by the YAML 1.2 core schema (`.string` for non-scalars' text is never
  /// returned: non-scalars give `.null`). Use `jsonValue` for whole trees.
  public var scalarValue: JSONValue {
    guard case .scalar(let text, let style) = kind else { return .null }
    return ScalarResolver.resolve(text, style: style, tag: tag)
  }

  /// The node as JSON: core-schema scalars, lists, and objects whose keys are the keys' text
  /// (non-scalar keys become their canonical JSON, see `keyJSON`).
  public var jsonValue: JSONValue {
    switch kind {
    case .scalar(let text, let style):
      return ScalarResolver.resolve(text, style: style, tag: tag)
    case .sequence(let items):
      return .array(items.map(\.jsonValue))
    case .mapping(let pairs):
      var object: [String: JSONValue] = [:]
      object.reserveCapacity(pairs.count)
      for pair in pairs {
        let key = pair.key.scalarText ?? pair.key.keyJSON
        if object[key] == nil { object[key] = pair.value.jsonValue }
      }
      return .object(object)
    }
  }
}

extension YAMLNode {
  /// A non-scalar key as the text of an object key: canonical JSON (sorted keys, compact),
  /// with keys that are themselves non-scalar written inline, not as escaped strings. Escaping
  /// already-escaped text doubles its backslashes at every level of nesting, so 200 bytes of
  /// `{? {? {? ... : 1} : 1} : 1}` used to take seconds and gigabytes (a fuzzing finding).
  var keyJSON: String {
    var out = ""
    writeKeyJSON(into: &out)
    return out
  }

  private func writeKeyJSON(into out: inout String) {
    switch kind {
    case .scalar:
      out += jsonValue.canonicalJSON
    case .sequence(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.writeKeyJSON(into: &out)
      }
      out += "]"
    case .mapping(let pairs):
      // Like `jsonValue`: the first of equal keys wins; then keys are sorted.
      var entries: [(key: String, value: YAMLNode)] = []
      var seen = Set<String>()
      for pair in pairs {
        var key = ""
        if let text = pair.key.scalarText {
          key = CompactJSON.quoted(text)
        } else {
          pair.key.writeKeyJSON(into: &key)
        }
        if seen.insert(key).inserted { entries.append((key, pair.value)) }
      }
      entries.sort { $0.key < $1.key }
      out += "{"
      for (i, entry) in entries.enumerated() {
        if i > 0 { out += "," }
        out += entry.key
        out += ":"
        entry.value.writeKeyJSON(into: &out)
      }
      out += "}"
    }
  }
}

/// One key/value pair of a mapping.
public struct YAMLPair: Hashable, Sendable {
  public var key: YAMLNode
  public var value: YAMLNode

  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }
}
