import OpalCore

/// One walk of a route graph from START (opper-routes-api.md §4): each model or pool node is
/// asked for its outcome (a simulate override, or in a call whether any model answered); on
/// `success` the walk ends there, on `fallback` it follows the fallback edge; END without an
/// answer means nothing answered. Other node types (classifier, split, If/Else, unknown ones)
/// take the output an override names, else their first output in name order. The walk is
/// bounded by the number of elements.
struct RouteGraphWalk: Sendable {
  /// One visited node.
  struct Step: Sendable, Equatable {
    var nodeId: String
    var type: String
    var models: [String]
    /// `success` / `fallback` for answering nodes, else the output taken.
    var outcome: String
  }

  var steps: [Step] = []
  /// The node that answered and its model, nil when the walk reached END without an answer.
  var answeringNode: String?
  var servedModel: String?
  /// Why the walk stopped early (a dangling edge), for the route error.
  var broken: String?

  /// Walks `graph`. `branch` picks the output of a non-answering node (nil: the first);
  /// `attempt` answers for a model or pool node with the model that answered, or nil.
  static func walk(
    _ graph: RouteGraph, branch: (RouteGraph.Element) -> String?,
    attempt: (RouteGraph.Element) async -> String?
  ) async -> RouteGraphWalk {
    var walk = RouteGraphWalk()
    var current = graph.element("START")?.target("next") ?? nil
    var budget = graph.elements.count + 1
    while let id = current, id != "END", budget > 0 {
      budget -= 1
      guard let element = graph.element(id) else {
        walk.broken = "edge to unknown node '\(id)'"
        return walk
      }
      if RouteGraph.answers(element.type) {
        let served = await attempt(element)
        walk.steps.append(
          Step(
            nodeId: id, type: element.type, models: RouteGraph.models(of: element),
            outcome: served == nil ? "fallback" : "success"))
        if let served {
          walk.answeringNode = id
          walk.servedModel = served
          return walk
        }
        current = element.target("fallback") ?? nil
        continue
      }
      let output =
        branch(element).flatMap { name in element.outputs.contains { $0.name == name } ? name : nil }
        ?? element.outputs.first?.name
      walk.steps.append(Step(nodeId: id, type: element.type, models: [], outcome: output ?? ""))
      current = output.flatMap { element.target($0) ?? nil }
    }
    return walk
  }

  /// The `path` of a simulate answer.
  var pathJSON: JSONValue {
    .array(
      steps.map { step in
        var item: [String: JSONValue] = [
          "node_id": .string(step.nodeId), "type": .string(step.type), "outcome": .string(step.outcome),
        ]
        if step.type == "model", let model = step.models.first { item["model"] = .string(model) }
        if step.type == "pool" { item["models"] = .array(step.models.map { .string($0) }) }
        return .object(item)
      })
  }
}
