import OpalConfig
import OpalCore
import OpperAPI

/// A chain of models as the catalog checks see it: a name, what kind of thing it is, and its
/// hops with where each was written. Aliases are turned into chains here; dynamic routes (SPEC
/// §13) feed the same checks by building `CatalogChain`s of their own (one per fallback chain of
/// a route's graph), so no check knows which resource it is looking at.
public struct CatalogChain: Hashable, Sendable {
  /// One hop: the model, where it was written, and whether the live remote already has it at
  /// this chain (a plan then does not change it, so a catalog problem on it is only a warning).
  public struct Hop: Hashable, Sendable {
    public var model: String
    public var location: SourceLocation?
    /// Where the hop is written (`aliases.NAME.models[i]`), rendered only when asked for: a
    /// plan of 100,000 aliases builds a chain per alias, and only a finding prints its path.
    public var keyPath: ConfigKeyPath {
      get { place.keyPath }
      set { place = .path(newValue) }
    }
    public var isLive: Bool
    private var place: Place

    public init(model: String, location: SourceLocation?, keyPath: ConfigKeyPath, isLive: Bool = false) {
      self.model = model
      self.location = location
      self.place = .path(keyPath)
      self.isLive = isLive
    }

    /// Hop `index` of the alias `name`.
    init(model: String, location: SourceLocation?, alias name: String, index: Int, isLive: Bool) {
      self.model = model
      self.location = location
      self.place = .aliasModel(name, index)
      self.isLive = isLive
    }

    public static func == (a: Hop, b: Hop) -> Bool {
      a.model == b.model && a.location == b.location && a.isLive == b.isLive && a.keyPath == b.keyPath
    }

    public func hash(into hasher: inout Hasher) {
      hasher.combine(model)
      hasher.combine(location)
      hasher.combine(keyPath)
      hasher.combine(isLive)
    }
  }

  /// A key path as given, or one of an alias's, rendered when read.
  enum Place: Sendable {
    case path(ConfigKeyPath)
    case alias(String)
    case aliasModel(String, Int)

    var keyPath: ConfigKeyPath {
      switch self {
      case .path(let path): path
      case .alias(let name): ConfigKeyPath.alias(name)
      case .aliasModel(let name, let index): ConfigKeyPath.alias(name).child("models").index(index)
      }
    }
  }

  /// `alias` or `route`: how messages name the chain.
  public var kind: String
  public var name: String
  public var location: SourceLocation?
  public var keyPath: ConfigKeyPath {
    get { place.keyPath }
    set { place = .path(newValue) }
  }
  public var hops: [Hop]
  private var place: Place

  public init(
    kind: String, name: String, location: SourceLocation?, keyPath: ConfigKeyPath, hops: [Hop]
  ) {
    self.init(kind: kind, name: name, location: location, place: .path(keyPath), hops: hops)
  }

  private init(kind: String, name: String, location: SourceLocation?, place: Place, hops: [Hop]) {
    self.kind = kind
    self.name = name
    self.location = location
    self.place = place
    self.hops = hops
  }

  public static func == (a: CatalogChain, b: CatalogChain) -> Bool {
    a.kind == b.kind && a.name == b.name && a.location == b.location && a.hops == b.hops
      && a.keyPath == b.keyPath
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(kind)
    hasher.combine(name)
    hasher.combine(location)
    hasher.combine(keyPath)
    hasher.combine(hops)
  }

  /// The chain of a declared alias. `live` is the chain the remote holds for it now (by name,
  /// or by an old name it is renamed from), nil when there is none or no plan is being made
  /// (`validate --online`, where every hop counts as changed).
  public static func alias(_ spec: AliasSpec, live: [String]? = nil) -> CatalogChain {
    // A chain is a few hops: a linear search beats hashing them into a set.
    let liveModels = live ?? []
    let hops = spec.models.enumerated().map { i, model in
      Hop(
        model: model, location: spec.location(ofModel: i), alias: spec.name, index: i,
        isLive: liveModels.contains(model))
    }
    return CatalogChain(
      kind: "alias", name: spec.name, location: spec.location, place: .alias(spec.name), hops: hops)
  }

  /// The chain a remote alias holds now (no place in a file: it is live, not declared).
  public static func live(_ alias: Alias) -> CatalogChain {
    let keyPath = ConfigKeyPath.alias(alias.name)
    let hops = alias.fallbackModels.enumerated().map { i, model in
      Hop(model: model, location: nil, keyPath: keyPath.child("models").index(i), isLive: true)
    }
    return CatalogChain(kind: "alias", name: alias.name, location: nil, keyPath: keyPath, hops: hops)
  }

  /// One chain per declared alias; with `remote`, each hop the live alias already has is
  /// marked live.
  public static func aliases(of desired: DesiredState, remote: [Alias]? = nil) -> [CatalogChain] {
    guard let remote else { return desired.aliases.map { alias($0) } }
    let live = liveChains(remote)
    return desired.aliases.map { alias($0, live: live($0)) }
  }

  /// The live chain of a declared alias: the remote's by its name, else by an old name.
  private static func liveChains(_ remote: [Alias]) -> (AliasSpec) -> [String]? {
    var byName: [String: [String]] = [:]
    byName.reserveCapacity(remote.count)
    for alias in remote where byName[alias.name] == nil { byName[alias.name] = alias.fallbackModels }
    return { spec in byName[spec.name] ?? spec.renamedFrom.lazy.compactMap { byName[$0] }.first }
  }
}

extension CatalogChain {
  /// The chains of a declared route (`RouteGraphBranches`: one per fallback branch of its
  /// graph, model nodes in fallback order from START, pools as their members), each hop at the
  /// route's line with the key path of the node it is written in. `live` is the graph the remote
  /// route serves now; a hop whose model it already uses is marked live (nil: none, or no plan).
  public static func route(_ spec: RouteSpec, live: JSONValue? = nil) -> [CatalogChain] {
    let keyPath = ConfigKeyPath.root.child("routes").child(spec.name)
    let liveModels = Set(live.map(RouteGraphBranches.models(of:)) ?? [])
    return RouteGraphBranches.branches(of: spec).map { branch in
      CatalogChain(
        kind: "route", name: spec.name, location: spec.location, keyPath: keyPath,
        hops: branch.map {
          Hop(
            model: $0.model, location: spec.location, keyPath: $0.keyPath,
            isLive: liveModels.contains($0.model))
        })
    }
  }

  /// The chains of every declared route; with `remote`, each hop the live route already uses is
  /// marked live.
  public static func routes(of desired: DesiredState, remote: [RemoteRoute]? = nil) -> [CatalogChain] {
    var live: [String: JSONValue] = [:]
    for route in remote ?? [] where live[route.name] == nil {
      if let graph = route.activeGraph { live[route.name] = graph }
    }
    return desired.routes.flatMap { route($0, live: live[$0.name]) }
  }

  /// The chains a remote route serves now (its active version's graph; none when nothing is
  /// live). No place in a file: it is live, not declared.
  public static func live(_ route: RemoteRoute) -> [CatalogChain] {
    guard let graph = route.activeGraph else { return [] }
    let keyPath = ConfigKeyPath.root.child("routes").child(route.name)
    return RouteGraphBranches.branches(of: graph, at: keyPath.child("graph")).map { branch in
      CatalogChain(
        kind: "route", name: route.name, location: nil, keyPath: keyPath,
        hops: branch.map { Hop(model: $0.model, location: nil, keyPath: $0.keyPath, isLive: true) })
    }
  }

  /// Aliases then routes: every chain a config declares.
  public static func all(of desired: DesiredState, remote: RemoteState? = nil) -> [CatalogChain] {
    aliases(of: desired, remote: remote?.aliases) + routes(of: desired, remote: remote?.routes)
  }

  /// `all(of:remote:)` handed to `body` at most `size` alias chains at a time (the routes' with
  /// the last), in the same order, so a plan of 100,000 aliases never holds every chain at once.
  public static func forEachBatch(
    of desired: DesiredState, remote: RemoteState, size: Int = 4096, _ body: ([CatalogChain]) -> Void
  ) {
    let live = liveChains(remote.aliases)
    var batch: [CatalogChain] = []
    batch.reserveCapacity(min(size, desired.aliases.count))
    for spec in desired.aliases {
      batch.append(alias(spec, live: live(spec)))
      if batch.count >= size {
        body(batch)
        batch.removeAll(keepingCapacity: true)
      }
    }
    batch.append(contentsOf: routes(of: desired, remote: remote.routes))
    if !batch.isEmpty { body(batch) }
  }
}
