import OpalCore

/// What an outage (`OutageScenario`) does to every chain: the hops still answering, those down,
/// and whether the chain is left with none. Chains with no hop left come first, then degraded
/// ones, then untouched ones, each group by name.
public struct ImpactReport: Hashable, Sendable {
  /// One chain under the outage.
  public struct Entry: Hashable, Sendable {
    /// `down`: no hop answers; `degraded`: some hop is down; `ok`: none is.
    public enum Status: String, Hashable, Sendable, Codable {
      case down, degraded, ok
    }

    public var kind: String
    public var name: String
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
    entries = chains.map { chain in
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
        kind: chain.kind, name: chain.name, location: chain.location, models: chain.hops.map(\.model),
        answering: answering, down: down)
    }.sorted { (rank[$0.status] ?? 3, $0.name) < (rank[$1.status] ?? 3, $1.name) }
  }

  /// Chains left with no hop.
  public var deadCount: Int { entries.count { $0.status == .down } }
  public var degradedCount: Int { entries.count { $0.status == .degraded } }
}
