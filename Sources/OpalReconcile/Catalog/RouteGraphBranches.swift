import OpalConfig
import OpalCore

/// The fallback chains of a route graph, as the catalog checks see them: from START, each
/// model node is a hop followed by its `fallback` edge, a pool is its members in order followed
/// by its fallback, and any other node (a split, a classifier, an observe, a type opal does not
/// know) starts one branch per output. Each branch that ends (at END or nowhere) is one chain.
/// Bounded: a branch takes at most as many steps as the graph has elements, and at most
/// `maxBranches` branches are followed.
enum RouteGraphBranches {
  /// One hop of a branch: the model and where in the config it is written.
  struct Hop: Hashable {
    var model: String
    var keyPath: ConfigKeyPath
  }

  static let maxBranches = 64

  /// The hops of a declared route, one list per branch (a `models:` route is one branch).
  static func branches(of spec: RouteSpec) -> [[Hop]] {
    let route = ConfigKeyPath.root.child("routes").child(spec.name)
    switch spec.body {
    case .chain(let models):
      return [
        models.enumerated().map { Hop(model: $0.element, keyPath: route.child("models").index($0.offset)) }
      ]
    case .graph(let graph):
      return branches(of: graph, at: route.child("graph"))
    }
  }

  /// Every model a graph names (in walk order, each once): what a live route may fall back to.
  static func models(of graph: JSONValue) -> [String] {
    var seen = Set<String>()
    return branches(of: graph, at: .root).flatMap { $0 }.map(\.model).filter { seen.insert($0).inserted }
  }

  static func branches(of graph: JSONValue, at graphPath: ConfigKeyPath) -> [[Hop]] {
    let elements = graph["elements"]?.arrayValue ?? []
    var index: [String: Int] = [:]
    for (i, element) in elements.enumerated() {
      if let id = element["id"]?.stringValue, index[id] == nil { index[id] = i }
    }
    func target(_ element: JSONValue, _ output: String) -> String? {
      element["outputs"]?[output]?["elementId"]?.stringValue
    }
    guard let start = index["START"].map({ elements[$0] }) else { return [] }
    let first =
      target(start, "next")
      ?? start["outputs"]?.objectValue?.keys.sorted().first.flatMap {
        target(start, $0)
      }
    var out: [[Hop]] = []
    var pending: [(id: String?, hops: [Hop], steps: Int)] = [(first, [], 0)]
    while let (id, hops, steps) = pending.popLast() {
      guard let id, id != "END", let i = index[id], steps < elements.count, out.count < maxBranches else {
        if !hops.isEmpty, out.count < maxBranches { out.append(hops) }
        continue
      }
      let element = elements[i]
      let properties = graphPath.child("elements").index(i).child("properties")
      switch element["type"]?.stringValue {
      case "model":
        let model = element["properties"]?["model"]?.stringValue
        let hop = model.map { Hop(model: $0, keyPath: properties.child("model")) }
        pending.append((target(element, "fallback"), hops + (hop.map { [$0] } ?? []), steps + 1))
      case "pool":
        let members = (element["properties"]?["models"]?.arrayValue ?? []).enumerated().compactMap {
          item -> Hop? in
          (item.element.stringValue ?? item.element["model"]?.stringValue).map {
            Hop(model: $0, keyPath: properties.child("models").index(item.offset))
          }
        }
        pending.append((target(element, "fallback"), hops + members, steps + 1))
      default:
        let outputs = element["outputs"]?.objectValue?.keys.sorted() ?? []
        if outputs.isEmpty, !hops.isEmpty { out.append(hops) }
        // Pushed in reverse so the branches come out in output-name order.
        for output in outputs.reversed() { pending.append((target(element, output), hops, steps + 1)) }
      }
    }
    return out
  }
}
