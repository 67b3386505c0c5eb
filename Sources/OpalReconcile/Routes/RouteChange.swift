import OpalConfig
import OpalCore

/// What a route should hold after apply: the graph sent as the draft, the description, and the
/// tests run with simulate before the deploy. Self-contained, so a saved plan needs no config.
public struct RouteContent: Hashable, Sendable, Codable {
  public var graph: JSONValue
  public var description: String?
  public var tests: [RouteTestContent]
  /// Where the route was declared (diagnostics point there).
  public var file: String?
  public var line: Int?
  public var column: Int?

  public init(_ spec: RouteSpec) {
    graph = spec.graph
    description = spec.description
    tests = spec.tests.map(RouteTestContent.init)
    file = spec.location?.file
    line = spec.location?.line
    column = spec.location?.column
  }

  public var location: SourceLocation? {
    guard let file, let line, let column else { return nil }
    return SourceLocation(file: file, line: line, column: column)
  }

  /// The chain, when the graph is a plain fallback chain.
  public var chain: [String]? { RouteChain.models(of: graph) }
}

/// One route test as the plan keeps it.
public struct RouteTestContent: Hashable, Sendable, Codable {
  public var name: String?
  public var overrides: JSONValue?
  public var input: JSONValue?
  public var expectNode: String?
  public var expectPath: [String]?

  public init(_ test: RouteTest) {
    name = test.name
    overrides = test.overrides
    input = test.input
    expectNode = test.expectNode
    expectPath = test.expectPath
  }

  enum CodingKeys: String, CodingKey {
    case name, overrides, input
    case expectNode = "expect_node"
    case expectPath = "expect_path"
  }
}

/// One change a plan makes to one dynamic route: the remote as read (`before`, with the active
/// version's graph) and what the file says (`after`).
public struct RouteChange: Hashable, Sendable, Codable {
  /// The kind of change.
  public enum Action: String, Hashable, Sendable, Codable {
    case create, update, delete

    public var symbol: String {
      switch self {
      case .create: "+"
      case .update: "~"
      case .delete: "-"
      }
    }
  }

  public var action: Action
  public var name: String
  public var before: RemoteRoute?
  public var after: RouteContent?
  public var notes: [String]
  /// Each model's price before and after, when the v3 catalog was read (`RoutePlan.addingPrices`).
  public var pricing: ChainPricing?

  public init(
    action: Action, name: String, before: RemoteRoute? = nil, after: RouteContent? = nil, notes: [String] = []
  ) {
    self.action = action
    self.name = name
    self.before = before
    self.after = after
    self.notes = notes
  }

  /// The live chain and the desired chain, when both graphs are plain chains.
  public var chains: (old: [String], new: [String])? {
    let old = before?.activeGraph.flatMap(RouteChain.models(of:)) ?? (before?.activeGraph == nil ? [] : nil)
    guard let old, let new = after?.chain ?? (after == nil ? [] : nil) else { return nil }
    return (old, new)
  }

  /// The order-aware diff of the chain (SPEC §12), when both sides are chains.
  public var chainDiff: [ChainHopChange]? {
    chains.map { ChainDiff.diff(old: $0.old, new: $0.new) }
  }

  /// Nodes added, removed, changed and edges re-pointed, between the live graph and the file's.
  public var graphDiff: RouteGraphDiff { RouteGraphDiff(old: before?.activeGraph, new: after?.graph) }

  public var descriptionChanged: Bool { (before?.description ?? "") != (after?.description ?? "") }

  enum CodingKeys: String, CodingKey {
    case action, name, before, after, notes, pricing
  }
}
