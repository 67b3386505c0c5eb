import OpalConfig
import OpalCore

/// One declared dynamic route as a plan file carries it (`desired.routes`), so `opal apply
/// plan.json` without `-f` plans the routes from the file alone: the body as written (`models`
/// for a chain, `graph` otherwise), the description, the tests run with simulate before the
/// deploy, and where the route was declared (route diagnostics point there).
public struct PlanRouteDocument: Hashable, Sendable, Codable {
  public var name: String
  public var description: String?
  /// The chain, when the route was written as `models:`.
  public var models: [String]?
  /// The graph, when the route was written as `graph:`.
  public var graph: JSONValue?
  public var tests: [RouteTestContent]
  public var file: String?
  public var line: Int?
  public var column: Int?

  public init(_ spec: RouteSpec) {
    name = spec.name
    description = spec.description
    switch spec.body {
    case .chain(let chain): models = chain
    case .graph(let written): graph = written
    }
    tests = spec.tests.map(RouteTestContent.init)
    file = spec.location?.file
    line = spec.location?.line
    column = spec.location?.column
  }

  /// The route back; a document with neither or both of `models` and `graph` is a decoding error.
  public func spec() throws -> RouteSpec {
    let body: RouteSpec.Body
    switch (models, graph) {
    case (let chain?, nil): body = .chain(chain)
    case (nil, let written?): body = .graph(written)
    default:
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: [],
          debugDescription: "route '\(name)' in the plan needs exactly one of models and graph"))
    }
    var location: SourceLocation?
    if let file, let line, let column { location = SourceLocation(file: file, line: line, column: column) }
    return RouteSpec(
      name: name, description: description, body: body, tests: tests.map(\.test), location: location)
  }

  enum CodingKeys: String, CodingKey {
    case name, description, models, graph, tests, file, line, column
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(description, forKey: .description)
    try c.encodeIfPresent(models, forKey: .models)
    try c.encodeIfPresent(graph, forKey: .graph)
    try c.encode(tests, forKey: .tests)
    try c.encodeIfPresent(file, forKey: .file)
    try c.encodeIfPresent(line, forKey: .line)
    try c.encodeIfPresent(column, forKey: .column)
  }
}

extension RouteTestContent {
  /// The test back, as the config would have declared it.
  public var test: RouteTest {
    RouteTest(name: name, overrides: overrides, input: input, expectNode: expectNode, expectPath: expectPath)
  }
}
