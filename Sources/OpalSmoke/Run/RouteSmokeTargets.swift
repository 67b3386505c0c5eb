import OpalConfig
import OpalCore

/// The declared routes as smoke targets (SPEC §13): each is called as `dynamic/<name>` with the
/// default case, judged like an alias whose chain is the route's models in node order (a chain
/// route's hops; a graph's model and pool members as listed), so `served_by: first` and `any`
/// mean what they mean for aliases. Which model served is read from `meta.routing.served`, else
/// the trace.
enum RouteSmokeTargets {
  static func aliases(for routes: [RouteSpec]) -> [AliasSpec] {
    routes.map { route in
      AliasSpec(name: route.invocationModel, models: models(of: route), location: route.location)
    }
  }

  static func models(of route: RouteSpec) -> [String] {
    if let chain = route.chain { return chain }
    var out: [String] = []
    for element in route.graph["elements"]?.arrayValue ?? [] {
      switch element["type"]?.stringValue {
      case "model":
        if let model = element["properties"]?["model"]?.stringValue { out.append(model) }
      case "pool":
        for item in element["properties"]?["models"]?.arrayValue ?? [] {
          if let model = item.stringValue ?? item["model"]?.stringValue { out.append(model) }
        }
      default: continue
      }
    }
    return out
  }
}
