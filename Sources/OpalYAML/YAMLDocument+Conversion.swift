import OpalCore

extension YAMLDocument {
  /// The node as JSON: core-schema scalars, lists, and objects whose keys are the keys' text
  /// (non-scalar keys become their canonical JSON; the first of equal keys wins).
  public func jsonValue(_ n: NodeID) -> JSONValue {
    switch shape(n) {
    case .scalar:
      return scalarValue(n)
    case .sequence:
      let count = count(n)
      var items: [JSONValue] = []
      items.reserveCapacity(count)
      for i in 0..<count { items.append(jsonValue(item(n, i))) }
      return .array(items)
    case .mapping:
      let count = count(n)
      var object: [String: JSONValue] = [:]
      object.reserveCapacity(count)
      for i in 0..<count {
        let k = key(n, i)
        let text = scalarText(k) ?? node(k).keyJSON
        if object[text] == nil { object[text] = jsonValue(value(n, i)) }
      }
      return .object(object)
    }
  }

  /// The document as a tree of `YAMLNode` values. Anchored collections are converted once and
  /// shared by every alias to them, as the tree's arrays are copy-on-write.
  public var rootNode: YAMLNode {
    var shared: [Int32: YAMLNode] = [:]
    return node(root, shared: &shared)
  }

  /// One node as a `YAMLNode` tree.
  public func node(_ n: NodeID) -> YAMLNode {
    var shared: [Int32: YAMLNode] = [:]
    return node(n, shared: &shared)
  }

  private func node(_ n: NodeID, shared: inout [Int32: YAMLNode]) -> YAMLNode {
    let r = records[Int(n.index)]
    if r.isAnchored, r.shape != .scalar, let done = shared[n.index] { return done }
    let kind: YAMLNode.Kind
    switch r.shape {
    case .scalar:
      kind = .scalar(withBytes(r) { String(decoding: $0, as: UTF8.self) }, r.style)
    case .sequence:
      var items: [YAMLNode] = []
      items.reserveCapacity(Int(r.count))
      for i in 0..<Int(r.count) { items.append(node(item(n, i), shared: &shared)) }
      kind = .sequence(items)
    case .mapping:
      var pairs: [YAMLPair] = []
      pairs.reserveCapacity(Int(r.count))
      for i in 0..<Int(r.count) {
        pairs.append(
          YAMLPair(key: node(key(n, i), shared: &shared), value: node(value(n, i), shared: &shared)))
      }
      kind = .mapping(pairs)
    }
    let out = YAMLNode(kind: kind, mark: mark(n), tag: tag(n))
    if r.isAnchored, r.shape != .scalar { shared[n.index] = out }
    return out
  }
}
