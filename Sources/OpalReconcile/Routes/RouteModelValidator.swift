import OpalConfig
import OpalCore
import OpperAPI

/// The online checks of SPEC §13 for routes: every model a route names (a chain's hops, a
/// model node's `properties.model`, a pool's `properties.models`) is a catalog or custom model,
/// never an alias, with the same did-you-mean hints as for aliases. Node types opal does not
/// know are not looked into.
public struct RouteModelValidator: Sendable {
  private let known: Set<String>
  private let candidates: [String]
  private let aliases: [String: Alias]

  public init(remote: RemoteState) {
    known = Set(remote.catalog.map(\.name)).union(remote.customModels.map(\.name))
    candidates = known.sorted()
    var byName: [String: Alias] = [:]
    for alias in remote.aliases where byName[alias.name] == nil { byName[alias.name] = alias }
    aliases = byName
  }

  /// The models of a route with the key path each is written at.
  static func models(of spec: RouteSpec) -> [(model: String, keyPath: ConfigKeyPath)] {
    let route = ConfigKeyPath.root.child("routes").child(spec.name)
    switch spec.body {
    case .chain(let models):
      return models.enumerated().map { ($0.element, route.child("models").index($0.offset)) }
    case .graph(let graph):
      var out: [(String, ConfigKeyPath)] = []
      for (index, element) in (graph["elements"]?.arrayValue ?? []).enumerated() {
        let path = route.child("graph").child("elements").index(index).child("properties")
        switch element["type"]?.stringValue {
        case "model":
          if let model = element["properties"]?["model"]?.stringValue {
            out.append((model, path.child("model")))
          }
        case "pool":
          for (i, item) in (element["properties"]?["models"]?.arrayValue ?? []).enumerated() {
            if let model = item.stringValue ?? item["model"]?.stringValue {
              out.append((model, path.child("models").index(i)))
            }
          }
        default: continue
        }
      }
      return out
    }
  }

  public func validate(_ desired: DesiredState, into diagnostics: some DiagnosticCollector) {
    for spec in desired.routes {
      for (model, keyPath) in Self.models(of: spec) where !known.contains(model) {
        if let alias = aliases[model] {
          diagnostics.emit(
            .error(
              "route '\(spec.name)': \(model) is an alias, not a model: route nodes name models",
              at: spec.location, keyPath: keyPath,
              hint: "name one of its models instead: [\(alias.fallbackModels.joined(separator: ", "))]"))
          continue
        }
        let nearest = NearestNames.suggest(model, from: candidates)
        diagnostics.emit(
          .error(
            "route '\(spec.name)': \(model) is not a model of the catalog nor a custom model",
            at: spec.location,
            keyPath: keyPath,
            hint: nearest.isEmpty
              ? "see `GET /models` for the catalog, or register a custom model"
              : "did you mean " + nearest.map { "'\($0)'" }.joined(separator: ", ") + "?"))
      }
    }
  }
}
