import OpalCore
import OpalYAML

/// The offline rules of a route graph (SPEC §13), each reported at the element, id or edge it
/// is about: the envelope (`elements`, each with a string `id` and `type`), unique ids, exactly
/// one `START` of type start and one `END` of type end, every `elementId` naming an element,
/// no node but END with more than one parent (the graph is a tree), every model node with a
/// `fallback` edge, `model.success` only to END or an observe node. Node types opal does not
/// know are not looked into.
struct RouteGraphCheck {
  typealias Node = YAMLDocument.NodeID

  /// One element as far as the checks need it.
  private struct Element {
    var id: String
    var type: String
    var node: Node
    var idNode: Node
    /// (output name, its key node, the elementId value node, the target id).
    var edges: [(name: String, keyNode: Node, target: Node, id: String)]
  }

  /// True when the graph has no errors.
  static func check(_ graph: Node, path: KeyPathRef, route: String, reader r: inout NodeReader) -> Bool {
    let errorsBefore = r.diagnostics.filter { $0.severity == .error }.count
    let doc = r.doc
    guard doc.isMapping(graph) else {
      r.typeError("a mapping with 'elements' (a route graph)", at: graph, path: path)
      return false
    }
    guard let (elementsKey, list) = lookup(graph, "elements", doc), doc.isSequence(list) else {
      r.error(
        "the graph of route '\(route)' has no 'elements' list", at: graph, path: path,
        hint: "a graph is {elements: [{id, type, properties, outputs}, ...]}")
      return false
    }
    let elementsPath = r.child(path, keyNode: elementsKey)
    var elements: [Element] = []
    var byID: [String: Int] = [:]
    for i in 0..<doc.count(list) {
      let item = doc.item(list, i)
      let p = r.index(elementsPath, i)
      guard doc.isMapping(item) else {
        r.typeError("a mapping (a graph element)", at: item, path: p)
        continue
      }
      guard let (idKey, idNode) = lookup(item, "id", doc), let id = doc.scalarText(idNode), !id.isEmpty else {
        r.error("a graph element needs a string 'id'", at: item, path: p)
        continue
      }
      _ = idKey
      guard let (_, typeNode) = lookup(item, "type", doc), let type = doc.scalarText(typeNode) else {
        r.error("element '\(id)' needs a string 'type'", at: item, path: p)
        continue
      }
      var element = Element(id: id, type: type, node: item, idNode: idNode, edges: [])
      if let (outputsKey, outputs) = lookup(item, "outputs", doc) {
        let op = r.child(p, keyNode: outputsKey)
        if doc.isMapping(outputs) {
          for j in 0..<doc.count(outputs) {
            let key = doc.key(outputs, j)
            let value = doc.value(outputs, j)
            guard let name = doc.scalarText(key) else { continue }
            let ep = r.child(op, keyNode: key)
            guard doc.isMapping(value), let (_, target) = lookup(value, "elementId", doc),
              let targetID = doc.scalarText(target)
            else {
              r.error("output '\(name)' of '\(id)' needs an 'elementId'", at: value, path: ep)
              continue
            }
            element.edges.append((name, key, target, targetID))
          }
        } else if doc.scalarText(outputs) != nil || doc.isSequence(outputs) {
          r.typeError("a mapping of outputs", at: outputs, path: op)
        }
      }
      if let first = byID[id] {
        r.error(
          "two graph elements have the id '\(id)'", at: idNode, path: p,
          hint: "element ids are unique within a graph",
          related: [.init(location: r.location(elements[first].idNode), message: "first used here")])
        continue
      }
      byID[id] = elements.count
      elements.append(element)
    }
    for (id, type) in [("START", "start"), ("END", "end")] {
      let ofType = elements.filter { $0.type == type }
      if byID[id] == nil && ofType.isEmpty {
        r.error(
          "the graph of route '\(route)' has no \(id) element", at: list, path: elementsPath,
          hint:
            "add {id: \(id), type: \(type)\(type == "end" ? ", outputs: {}" : ", outputs: {next: {elementId: ...}}")}"
        )
      }
      for element in ofType where element.id != id {
        r.error(
          "the \(type) element must have the id \(id), not '\(element.id)'", at: element.idNode,
          path: elementsPath)
      }
      if let index = byID[id], elements[index].type != type {
        r.error("element \(id) must have type \(type)", at: elements[index].node, path: elementsPath)
      }
    }
    var parentOf: [String: (String, Node)] = [:]
    for element in elements {
      for edge in element.edges {
        guard let target = byID[edge.id].map({ elements[$0] }) else {
          let near = NearestNames.suggest(edge.id, from: Array(byID.keys), limit: 1)
          r.error(
            "output '\(edge.name)' of '\(element.id)' points at '\(edge.id)', which is no element of the graph",
            at: edge.target, path: elementsPath, hint: near.first.map { "did you mean '\($0)'?" })
          continue
        }
        if target.id != "END" {
          if let (parent, firstEdge) = parentOf[target.id] {
            r.error(
              "'\(target.id)' has a second incoming edge (from '\(element.id)'; also from '\(parent)')",
              at: edge.target, path: elementsPath,
              hint:
                "a node takes only one incoming edge, so the graph is a tree; give each branch its own node",
              related: [.init(location: r.location(firstEdge), message: "first edge here")])
          } else {
            parentOf[target.id] = (element.id, edge.target)
          }
        }
        if element.type == "model" && edge.name == "success" && target.type != "end"
          && target.type != "observe"
        {
          r.error(
            "the success edge of model node '\(element.id)' goes to '\(target.id)' (\(target.type))",
            at: edge.target, path: elementsPath, hint: "a model's success edge goes to END or an observe node"
          )
        }
      }
      if element.type == "model" && !element.edges.contains(where: { $0.name == "fallback" }) {
        r.error(
          "model node '\(element.id)' has no fallback edge", at: element.idNode, path: elementsPath,
          hint:
            "add 'fallback: {elementId: NEXT}' (another model, a pool, or END) so the route never dead-ends")
      }
    }
    for element in elements where element.type != "start" && element.id != "START" && element.id != "END" {
      if parentOf[element.id] == nil {
        r.emit(
          .warning(
            "nothing in route '\(route)' leads to node '\(element.id)'", at: r.location(element.idNode),
            keyPath: r.render(elementsPath)))
      }
    }
    return r.diagnostics.filter { $0.severity == .error }.count == errorsBefore
  }

  /// The key and value nodes of `key` in a mapping.
  private static func lookup(_ mapping: Node, _ key: String, _ doc: YAMLDocument) -> (Node, Node)? {
    for i in 0..<doc.count(mapping) where doc.scalarText(doc.key(mapping, i)) == key {
      return (doc.key(mapping, i), doc.value(mapping, i))
    }
    return nil
  }
}
