import OpalCore

/// One declared dynamic route (SPEC §13): the whole truth for that name. Either a fallback
/// chain (`models:`, compiled to one model node per hop) or any graph (`graph:`, kept as
/// written, node types opal does not know included).
public struct RouteSpec: Hashable, Sendable {
  /// How the route was written.
  public enum Body: Hashable, Sendable {
    /// `models:`: a fallback chain.
    case chain([String])
    /// `graph:`: the graph JSON as written.
    case graph(JSONValue)
  }

  public var name: String
  public var description: String?
  public var body: Body
  /// Checked with the server's simulate before each deploy.
  public var tests: [RouteTest]
  /// Where the route's name was declared.
  public var location: SourceLocation?

  public init(
    name: String, description: String? = nil, body: Body, tests: [RouteTest] = [],
    location: SourceLocation? = nil
  ) {
    self.name = name
    self.description = description
    self.body = body
    self.tests = tests
    self.location = location
  }

  /// The graph sent to Opper: a chain compiled by `RouteChain.graph(_:)`, a graph as written.
  public var graph: JSONValue {
    switch body {
    case .chain(let models): return RouteChain.graph(models)
    case .graph(let graph): return graph
    }
  }

  /// The chain, when the route is written as one (or its graph is a plain chain).
  public var chain: [String]? {
    switch body {
    case .chain(let models): return models
    case .graph(let graph): return RouteChain.models(of: graph)
    }
  }

  /// The model string callers send.
  public var invocationModel: String { "dynamic/\(name)" }
}

/// One route test: simulate overrides and the node (or path) that must answer.
public struct RouteTest: Hashable, Sendable {
  public var name: String?
  /// `{model_outcomes, classifier_cases, conditional_cases, percentage_buckets}`.
  public var overrides: JSONValue?
  /// The request body a classifier or condition reads.
  public var input: JSONValue?
  /// The node that must answer.
  public var expectNode: String?
  /// The node ids the walk must visit, in order.
  public var expectPath: [String]?
  public var location: SourceLocation?

  public init(
    name: String? = nil, overrides: JSONValue? = nil, input: JSONValue? = nil, expectNode: String? = nil,
    expectPath: [String]? = nil, location: SourceLocation? = nil
  ) {
    self.name = name
    self.overrides = overrides
    self.input = input
    self.expectNode = expectNode
    self.expectPath = expectPath
    self.location = location
  }
}
