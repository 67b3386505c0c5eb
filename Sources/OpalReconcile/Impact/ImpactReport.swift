import OpalCore

/// What an outage (`OutageScenario`) does to every chain: the hops still answering, those down,
/// and whether the chain is left with none. Chains with no hop left come first, then degraded
/// ones, then untouched ones, each group by kind and name. An alias is one chain; a dynamic route
/// is one chain per fallback branch of its graph (`RouteGraphBranches`), numbered when it has
/// more than one, because a request sent down a dead branch fails even if the others answer.
public struct ImpactReport: Hashable, Sendable {
  /// One chain under the outage.
  public struct Entry: Hashable, Sendable {
    /// `down`: no hop answers; `degraded`: some hop is down; `ok`: none is.
    public enum Status: String, Hashable, Sendable, Codable {
      case down, degraded, ok
    }

    /// `alias` or `route`.
    public var kind: String
    public var name: String
    /// For a route with several branches, which one (1-based, in `RouteGraphBranches` order).
    public var branch: Int?
    public var location: SourceLocation?
    public var models: [String]
    public var answering: [String]
    public var down: [String]

    public var status: Status {
      answering.isEmpty ? .down : (down.isEmpty ? .ok : .degraded)
    }
  }

  public var scenario: OutageScenario
  public var entries: [Entry]

  /// Judges every chain; a hop's provider is its catalog row's (else its name's prefix), and a
  /// hop on a model the catalog lists as retired or blocked counts as down too.
  public init(chains: [CatalogChain], scenario: OutageScenario, catalog: ModelCatalog = ModelCatalog([])) {
    self.scenario = scenario
    let rank: [Entry.Status: Int] = [.down: 0, .degraded: 1, .ok: 2]
    var branchCount: [String: Int] = [:]
    for chain in chains { branchCount[chain.kind + "\u{0}" + chain.name, default: 0] += 1 }
    var branchSeen: [String: Int] = [:]
    entries = chains.map { chain in
      let key = chain.kind + "\u{0}" + chain.name
      branchSeen[key, default: 0] += 1
      let branch = (branchCount[key] ?? 0) > 1 ? branchSeen[key] : nil
      var answering: [String] = []
      var down: [String] = []
      for hop in chain.hops {
        let row = catalog.row(hop.model)
        let unusable = row?.policy?.allowed == false
        if unusable || scenario.isDown(model: hop.model, provider: catalog.provider(of: hop.model)) {
          down.append(hop.model)
        } else {
          answering.append(hop.model)
        }
      }
      return Entry(
        kind: chain.kind, name: chain.name, branch: branch, location: chain.location,
        models: chain.hops.map(\.model), answering: answering, down: down)
    }.sorted {
      (rank[$0.status] ?? 3, $0.kind, $0.name, $0.branch ?? 0) < (
        rank[$1.status] ?? 3, $1.kind, $1.name, $1.branch ?? 0
      )
    }
  }

  /// Chains left with no hop (a route counts once per dead branch).
  public var deadCount: Int { entries.count { $0.status == .down } }
  public var degradedCount: Int { entries.count { $0.status == .degraded } }
}
