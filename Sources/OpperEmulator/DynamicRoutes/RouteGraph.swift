import OpalCore

/// A route graph read from its JSON (`{"elements": [{id, type, properties, outputs}]}`), for
/// validating and walking it. Building one fails (`GraphRefusal`) only when the JSON does not
/// have the envelope at all: the API refuses such a save; everything else is a validation issue.
struct RouteGraph: Sendable {
  /// One element: its id, type, properties and outputs (`name → target id`).
  struct Element: Sendable {
    var id: String
    var type: String
    var properties: [String: JSONValue]
    var outputs: [(name: String, target: String?)]

    func target(_ output: String) -> String?? {
      outputs.first { $0.name == output }.map { $0.target }
    }
  }

  var elements: [Element]
  private var index: [String: Int] = [:]

  /// Why a graph is refused outright (it does not parse as a graph).
  struct GraphRefusal: Error { var message: String }

  init(_ json: JSONValue) throws(GraphRefusal) {
    guard let object = json.objectValue else { throw GraphRefusal(message: "graph must be an object") }
    guard let list = object["elements"]?.arrayValue else {
      throw GraphRefusal(message: "graph.elements must be a list of elements")
    }
    elements = []
    for (position, item) in list.enumerated() {
      guard let element = item.objectValue, let id = element["id"]?.stringValue,
        let type = element["type"]?.stringValue
      else { throw GraphRefusal(message: "graph.elements[\(position)] needs a string id and type") }
      var outputs: [(String, String?)] = []
      if let map = element["outputs"]?.objectValue {
        for name in map.keys.sorted() {
          outputs.append((name, map[name]?["elementId"]?.stringValue))
        }
      } else if let raw = element["outputs"], raw != .null {
        throw GraphRefusal(message: "graph.elements[\(position)].outputs must be an object")
      }
      elements.append(
        Element(id: id, type: type, properties: element["properties"]?.objectValue ?? [:], outputs: outputs))
      if index[id] == nil { index[id] = position }
    }
  }

  func element(_ id: String) -> Element? { index[id].map { elements[$0] } }

  /// The models a model node or a pool names, in order (`properties.model`; a pool's
  /// `properties.models`, each a string or `{model}`).
  static func models(of element: Element) -> [String] {
    if element.type == "model" { return element.properties["model"]?.stringValue.map { [$0] } ?? [] }
    guard element.type == "pool", let list = element.properties["models"]?.arrayValue else { return [] }
    return list.compactMap { $0.stringValue ?? $0["model"]?.stringValue }
  }

  /// True for the node types that produce an answer.
  static func answers(_ type: String) -> Bool { type == "model" || type == "pool" }
}
