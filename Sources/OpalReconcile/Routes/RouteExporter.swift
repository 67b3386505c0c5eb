import OpalConfig
import OpalCore

/// Writes remote routes as the `routes:` section of a config that round-trips (SPEC §13): a
/// live graph that is a plain chain as `models:`, any other graph as `graph:` in JSON flow style
/// (valid YAML, every key and value exactly as the server holds it, unknown node types
/// included). A route with nothing live is written from its draft, with a warning: plan will
/// show it as to be deployed.
public struct RouteExporter: Sendable {
  public var include: GlobSet?
  public var exclude: GlobSet

  public init(include: GlobSet? = nil, exclude: GlobSet = GlobSet([])) {
    self.include = include
    self.exclude = exclude
  }

  /// The section text (empty when no route is selected) and its warnings.
  public func section(_ routes: [RemoteRoute]) -> (yaml: String, count: Int, warnings: [String]) {
    let selected = routes.filter { !exclude.matches($0.name) && (include?.matches($0.name) ?? true) }
      .sorted { $0.name < $1.name }
    guard !selected.isEmpty else { return ("", 0, []) }
    var out = "routes:\n"
    var warnings: [String] = []
    for route in selected {
      out += "  \(YAMLScalarQuoting.scalar(route.name, context: .key)):\n"
      if let description = route.description, !description.isEmpty {
        out += "    description: \(YAMLScalarQuoting.scalar(description, context: .blockValue))\n"
      }
      var graph = route.activeGraph
      if graph == nil {
        graph = route.draftGraph
        warnings.append(
          "route \(route.name) has no live version: exported its draft; plan will show it as to be deployed")
      }
      if let graph, let chain = RouteChain.models(of: graph) {
        out += "    models: \(Exporter.flowList(chain))\n"
      } else {
        out += "    graph: \((graph ?? RouteChain.graph([])).canonicalJSON)\n"
      }
    }
    return (out, selected.count, warnings)
  }
}
