import OpalConfig
import OpalCore

/// One declared dynamic route as a plan file carries it (`desired.routes`), so `opal apply
/// plan.json` without `-f` plans the routes from the file alone: its name and its
/// `RouteContent` (the graph sent, the description, the tests run with simulate before the
/// deploy, and where the route was declared, so route diagnostics still point there), written
/// flat: `{name, graph, description, tests, file, line, column}`.
public struct PlanRouteDocument: Hashable, Sendable, Codable {
  public var name: String
  public var content: RouteContent

  public init(_ spec: RouteSpec) {
    name = spec.name
    content = RouteContent(spec)
  }

  /// The route back: a graph that is a plain chain as `models:` (as the config loader and
  /// export treat one), any other graph as written.
  public var spec: RouteSpec {
    RouteSpec(
      name: name, description: content.description,
      body: content.chain.map { .chain($0) } ?? .graph(content.graph),
      tests: content.tests.map(\.test), location: content.location)
  }

  enum CodingKeys: String, CodingKey { case name }

  public init(from decoder: any Decoder) throws {
    name = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .name)
    content = try RouteContent(from: decoder)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try content.encode(to: encoder)
  }
}

extension RouteTestContent {
  /// The test back, as the config would have declared it.
  public var test: RouteTest {
    RouteTest(name: name, overrides: overrides, input: input, expectNode: expectNode, expectPath: expectPath)
  }
}
