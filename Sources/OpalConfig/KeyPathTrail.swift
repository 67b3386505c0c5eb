import OpalYAML

/// A key path while a file is read: an index into the reader's `KeyPathTrail`.
struct KeyPathRef: Equatable {
  let index: Int32

  /// The empty path (the top of the file).
  static let root = KeyPathRef(index: 0)
}

/// Key paths kept as links — a parent and one step each — and rendered as text only when a
/// diagnostic needs one. Making a path costs one array append, not a `String`.
struct KeyPathTrail {
  private enum Step {
    case root
    /// A key known in advance (`models`, `expect`, ...).
    case key(String)
    /// A key as written in the document (an alias name).
    case keyNode(YAMLDocument.NodeID)
    case index(Int)
  }

  private var links: [(parent: Int32, step: Step)] = [(-1, .root)]

  mutating func child(_ parent: KeyPathRef, _ key: String) -> KeyPathRef {
    append(parent, .key(key))
  }

  mutating func child(_ parent: KeyPathRef, keyNode: YAMLDocument.NodeID) -> KeyPathRef {
    append(parent, .keyNode(keyNode))
  }

  mutating func index(_ parent: KeyPathRef, _ i: Int) -> KeyPathRef {
    append(parent, .index(i))
  }

  /// How many links the trail holds; `rewind(to:)` drops the links made after this point.
  var count: Int { links.count }

  /// Drops the links made since `count` was `mark`; refs to them must no longer be used.
  mutating func rewind(to mark: Int) {
    links.removeSubrange(mark...)
  }

  /// The path as text (`aliases.sonnet4.models[2]`; "" for the root).
  func render(_ ref: KeyPathRef, in doc: YAMLDocument) -> String {
    var steps: [Step] = []
    var i = ref.index
    while i > 0 {
      steps.append(links[Int(i)].step)
      i = links[Int(i)].parent
    }
    var path = ""
    for step in steps.reversed() {
      switch step {
      case .root: break
      case .key(let key): path = ConfigKeyPath.child(path, key)
      case .keyNode(let node): path = ConfigKeyPath.child(path, doc.scalarText(node) ?? "")
      case .index(let n): path = ConfigKeyPath.index(path, n)
      }
    }
    return path
  }

  private mutating func append(_ parent: KeyPathRef, _ step: Step) -> KeyPathRef {
    links.append((parent.index, step))
    return KeyPathRef(index: Int32(links.count - 1))
  }
}
