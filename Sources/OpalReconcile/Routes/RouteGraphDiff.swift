import OpalCore

/// What changed between two route graphs, by element id: nodes added, removed and changed
/// (type or properties), and edges re-pointed (`node.output: old → new`, with `nil` for an edge
/// added or removed). Unknown node types are compared as they are, key by key.
public struct RouteGraphDiff: Hashable, Sendable, Codable {
  /// One re-pointed edge.
  public struct Edge: Hashable, Sendable, Codable {
    public var node: String
    public var output: String
    public var from: String?
    public var to: String?
  }

  public var added: [String]
  public var removed: [String]
  public var changed: [String]
  public var edges: [Edge]

  public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty && edges.isEmpty }

  public init(old: JSONValue?, new: JSONValue?) {
    let before = Self.elements(old)
    let after = Self.elements(new)
    added = after.keys.filter { before[$0] == nil }.sorted()
    removed = before.keys.filter { after[$0] == nil }.sorted()
    var changed: [String] = []
    var edges: [Edge] = []
    for id in after.keys.sorted() {
      guard let was = before[id], let now = after[id] else { continue }
      var wasRest = was
      var nowRest = now
      wasRest["outputs"] = nil
      nowRest["outputs"] = nil
      if wasRest != nowRest { changed.append(id) }
      let oldEdges = Self.targets(was)
      let newEdges = Self.targets(now)
      for output in Set(oldEdges.keys).union(newEdges.keys).sorted()
      where oldEdges[output] != newEdges[output] {
        edges.append(Edge(node: id, output: output, from: oldEdges[output], to: newEdges[output]))
      }
    }
    self.changed = changed
    self.edges = edges
  }

  private static func elements(_ graph: JSONValue?) -> [String: [String: JSONValue]] {
    var out: [String: [String: JSONValue]] = [:]
    for item in graph?["elements"]?.arrayValue ?? [] {
      if let object = item.objectValue, let id = object["id"]?.stringValue, out[id] == nil {
        out[id] = object
      }
    }
    return out
  }

  private static func targets(_ element: [String: JSONValue]) -> [String: String] {
    var out: [String: String] = [:]
    for (name, edge) in element["outputs"]?.objectValue ?? [:] {
      out[name] = edge["elementId"]?.stringValue ?? edge.canonicalJSON
    }
    return out
  }
}
