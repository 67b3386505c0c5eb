import OpalCore
import OpalYAML

/// A key path while a file is read: an index into the reader's `KeyPathTrail`.
struct KeyPathRef: Equatable {
  let index: Int32

  /// The empty path (the top of the file).
  static let root = KeyPathRef(index: 0)
}

/// Key paths kept as links — a parent and one step each — and rendered as text only when a
/// diagnostic needs one. Making a path costs one append of a few plain bytes, not a `String`.
struct KeyPathTrail {
  /// One step: the key written at `keyNode`, or else the item at `index`.
  private struct Link {
    let parent: Int32
    let keyNode: YAMLDocument.NodeID?
    let index: Int32
  }

  private var links: [Link] = [Link(parent: -1, keyNode: nil, index: -1)]

  /// The path one key further: the key as written at `keyNode`.
  mutating func child(_ parent: KeyPathRef, keyNode: YAMLDocument.NodeID) -> KeyPathRef {
    append(Link(parent: parent.index, keyNode: keyNode, index: -1))
  }

  /// The path one list item further.
  mutating func index(_ parent: KeyPathRef, _ i: Int) -> KeyPathRef {
    append(Link(parent: parent.index, keyNode: nil, index: Int32(clamping: i)))
  }

  /// How many links the trail holds; `rewind(to:)` drops the links made after this point.
  var count: Int { links.count }

  /// Drops the links made since `count` was `mark`; refs to them must no longer be used.
  mutating func rewind(to mark: Int) {
    links.removeSubrange(mark...)
  }

  /// The path (`aliases.sonnet4.models[2]`; `.root` for the top).
  func render(_ ref: KeyPathRef, in doc: YAMLDocument) -> ConfigKeyPath {
    var steps: [Link] = []
    var i = ref.index
    while i > 0 {
      steps.append(links[Int(i)])
      i = links[Int(i)].parent
    }
    var path = ConfigKeyPath.root
    for step in steps.reversed() {
      if let keyNode = step.keyNode {
        path = path.child(doc.scalarText(keyNode) ?? "")
      } else {
        path = path.index(Int(step.index))
      }
    }
    return path
  }

  private mutating func append(_ link: Link) -> KeyPathRef {
    links.append(link)
    return KeyPathRef(index: Int32(links.count - 1))
  }
}
