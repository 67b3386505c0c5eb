import OpalCore

/// A fallback chain as a route graph and back (opper-routes-api.md §3.5(a)): START → `m1` →
/// `m2` → … each model node's `success` to END and `fallback` to the next hop, the last hop's
/// fallback to END. `models(of:)` recognises exactly that shape (ids aside), so a chain route
/// exports as `models:` and a graph that is anything more stays a graph.
public enum RouteChain {
  /// The node id of hop `index` (0-based).
  public static func nodeID(_ index: Int) -> String { "m\(index + 1)" }

  public static func graph(_ models: [String]) -> JSONValue {
    func edge(_ id: String) -> JSONValue { .object(["elementId": .string(id)]) }
    var elements: [JSONValue] = [
      .object([
        "id": .string("START"), "type": .string("start"),
        "outputs": .object(["next": edge(models.isEmpty ? "END" : nodeID(0))]),
      ])
    ]
    for (index, model) in models.enumerated() {
      let next = index + 1 < models.count ? nodeID(index + 1) : "END"
      elements.append(
        .object([
          "id": .string(nodeID(index)), "type": .string("model"),
          "properties": .object(["model": .string(model)]),
          "outputs": .object(["success": edge("END"), "fallback": edge(next)]),
        ]))
    }
    elements.append(.object(["id": .string("END"), "type": .string("end"), "outputs": .object([:])]))
    return .object(["elements": .array(elements)])
  }

  /// The chain `graph` is, or nil when it is anything else (a pool, a split, extra properties,
  /// a layout-only difference is not looked at). Node ids may be any; the walk is bounded.
  public static func models(of graph: JSONValue) -> [String]? {
    guard let object = graph.objectValue, object.keys.allSatisfy({ $0 == "elements" }),
      let list = object["elements"]?.arrayValue
    else { return nil }
    var byID: [String: [String: JSONValue]] = [:]
    for item in list {
      guard let element = item.objectValue, let id = element["id"]?.stringValue, byID[id] == nil else {
        return nil
      }
      byID[id] = element
    }
    func target(_ element: [String: JSONValue], _ output: String) -> String? {
      element["outputs"]?[output]?["elementId"]?.stringValue
    }
    guard let start = byID["START"], start["type"]?.stringValue == "start",
      Set(start.keys).isSubset(of: ["id", "type", "outputs"]), start["outputs"]?.objectValue?.count == 1,
      let end = byID["END"], end["type"]?.stringValue == "end",
      Set(end.keys).isSubset(of: ["id", "type", "outputs"]), (end["outputs"]?.objectValue ?? [:]).isEmpty
    else { return nil }
    var models: [String] = []
    var current = target(start, "next")
    while let id = current, id != "END" {
      guard models.count < list.count, let node = byID[id], node["type"]?.stringValue == "model",
        Set(node.keys).isSubset(of: ["id", "type", "properties", "outputs"]),
        let properties = node["properties"]?.objectValue, properties.count == 1,
        let model = properties["model"]?.stringValue,
        node["outputs"]?.objectValue?.count == 2, target(node, "success") == "END"
      else { return nil }
      models.append(model)
      current = target(node, "fallback")
    }
    guard current == "END", !models.isEmpty, models.count + 2 == list.count, Set(models).count == models.count
    else {
      return nil
    }
    return models
  }
}
