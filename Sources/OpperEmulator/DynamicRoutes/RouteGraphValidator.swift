import OpalCore
import OpperAPI

/// The server-side checks of a draft (opper-routes-api.md §3.3), each an issue with a stable
/// `code`, the `node` it is about and the `field` inside it. Errors block a deploy; warnings do
/// not. Node types the emulator does not know are accepted as they are.
struct RouteGraphValidator: Sendable {
  /// The models a node may name (catalog and custom models; never an alias).
  let models: Set<String>
  /// The org's aliases, to say why one is refused.
  let aliases: Set<String>

  func issues(of graph: RouteGraph) -> [RouteIssue] {
    var issues: [RouteIssue] = []
    func error(_ code: String, _ message: String, node: String? = nil, field: String? = nil) {
      issues.append(RouteIssue(code: code, message: message, severity: "error", node: node, field: field))
    }
    if graph.elements.isEmpty { error("empty_graph", "the graph has no elements") }
    var seen: Set<String> = []
    for element in graph.elements where !seen.insert(element.id).inserted {
      error("duplicate_id", "two elements have the id '\(element.id)'", node: element.id, field: "id")
    }
    for (id, type) in [("START", "start"), ("END", "end")] {
      let matches = graph.elements.filter { $0.type == type }
      if matches.isEmpty { error("missing_\(type)", "the graph needs one \(type) element with id \(id)") }
      if matches.count > 1 { error("multiple_\(type)", "the graph has more than one \(type) element") }
      if let found = matches.first, found.id != id {
        error("\(type)_id", "the \(type) element must have the id \(id)", node: found.id, field: "id")
      }
    }
    var parents: [String: Int] = [:]
    for element in graph.elements {
      for output in element.outputs {
        guard let target = output.target else {
          error(
            "edge_without_target", "output '\(output.name)' has no elementId", node: element.id,
            field: "outputs.\(output.name)")
          continue
        }
        guard graph.element(target) != nil else {
          error(
            "unknown_target", "output '\(output.name)' points at '\(target)', which is not an element",
            node: element.id, field: "outputs.\(output.name)")
          continue
        }
        if target != "END" { parents[target, default: 0] += 1 }
        if target == element.id {
          error(
            "self_edge", "output '\(output.name)' points back at its own node", node: element.id,
            field: "outputs.\(output.name)")
        }
      }
    }
    for element in graph.elements where element.type != "start" && element.id != "END" {
      let count = parents[element.id] ?? 0
      if count > 1 {
        error(
          "multiple_parents", "'\(element.id)' has \(count) incoming edges; a node takes only one",
          node: element.id)
      } else if count == 0 {
        issues.append(
          RouteIssue(
            code: "unreachable_node", message: "nothing leads to '\(element.id)'", severity: "warning",
            node: element.id))
      }
    }
    if let start = graph.element("START"), start.type == "start", start.target("next") == nil {
      error("missing_next", "START needs a next edge", node: "START", field: "outputs.next")
    }
    for element in graph.elements { issues += nodeIssues(element, in: graph) }
    return issues
  }

  private func nodeIssues(_ element: RouteGraph.Element, in graph: RouteGraph) -> [RouteIssue] {
    var issues: [RouteIssue] = []
    func error(_ code: String, _ message: String, field: String? = nil) {
      issues.append(
        RouteIssue(code: code, message: message, severity: "error", node: element.id, field: field))
    }
    guard RouteGraph.answers(element.type) else { return issues }
    if element.target("fallback") == nil {
      error(
        "missing_fallback", "'\(element.id)' needs a fallback edge (to another node or END)",
        field: "outputs.fallback")
    }
    if let success = element.target("success") ?? nil, let target = graph.element(success),
      target.type != "end" && target.type != "observe"
    {
      error(
        "success_target", "a success edge may only lead to END or an observe node", field: "outputs.success")
    }
    if let fallback = element.target("fallback") ?? nil, let target = graph.element(fallback),
      !RouteGraph.answers(target.type) && target.type != "end"
    {
      error(
        "fallback_target", "a fallback edge may only lead to a model, a pool or END",
        field: "outputs.fallback")
    }
    let models = RouteGraph.models(of: element)
    if element.type == "model" && models.isEmpty {
      error("missing_model", "'\(element.id)' names no model", field: "properties.model")
    }
    if element.type == "pool" {
      if !(2...10).contains(models.count) {
        error("pool_size", "a pool needs 2 to 10 models (has \(models.count))", field: "properties.models")
      }
      if Set(models).count != models.count {
        error("pool_duplicate", "a pool lists a model twice", field: "properties.models")
      }
    }
    let field = element.type == "model" ? "properties.model" : "properties.models"
    for model in models where !self.models.contains(model) {
      if aliases.contains(model) {
        error("alias_not_model", "'\(model)' is an alias; route nodes name models", field: field)
      } else {
        error("unknown_model", "'\(model)' is not in the catalog", field: field)
      }
    }
    return issues
  }
}
