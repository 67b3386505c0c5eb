import OpalCore

/// The desired state a config file (or folder) declares: what the remote organization should hold
/// inside the file's scope. Produced by `ConfigLoader`; consumed by the planner and smoke runner.
public struct DesiredState: Hashable, Sendable {
  public var version: Int
  public var scope: Scope
  /// Delete in-scope remote aliases the file no longer declares.
  public var prune: Bool
  /// Merged under every alias's smoke cases.
  public var smokeDefaults: SmokeCase?
  /// Declared aliases, in the order they were read (files in name order, then file order).
  public var aliases: [AliasSpec]
  /// The files that were read, in load order.
  public var files: [String]
  /// The `policy:` rule sets, checked against the catalog (SPEC §14).
  public var policies: [CatalogPolicy]
  /// Declared dynamic routes, in the order they were read. The same `scope` and `prune` cover
  /// them (one set of globs for aliases and routes; see docs/config.md).
  public var routes: [RouteSpec] = []
  /// Declared custom models (SPEC §15), in the order they were read; the same `scope` and
  /// `prune` cover them.
  public var customModels: [CustomModelSpec] = []

  public init(
    version: Int = 1, scope: Scope = Scope(), prune: Bool = false, smokeDefaults: SmokeCase? = nil,
    aliases: [AliasSpec] = [], files: [String] = [], policies: [CatalogPolicy] = [], routes: [RouteSpec] = []
  ) {
    self.policies = policies
    self.routes = routes
    self.version = version
    self.scope = scope
    self.prune = prune
    self.smokeDefaults = smokeDefaults
    self.aliases = aliases
    self.files = files
  }

  /// The declared alias of that name, if any.
  public func alias(named name: String) -> AliasSpec? {
    aliases.first { $0.name == name }
  }

  /// Whether a remote alias of this name is owned by this file: declared, or matching
  /// `scope.include` (default: the declared names and their `renamed_from` names) and not
  /// `scope.exclude`. For many names, build `ownership()` once and ask it instead.
  public func owns(_ name: String) -> Bool {
    ownership().owns(name)
  }

  /// The scope rules with the declared names indexed, so asking about each of N remote aliases
  /// costs O(1) per name instead of a scan of the declared aliases.
  public func ownership() -> Ownership {
    var declared = Set<String>()
    var oldNames = Set<String>()
    declared.reserveCapacity(aliases.count)
    for alias in aliases {
      declared.insert(alias.name)
      oldNames.formUnion(alias.renamedFrom)
    }
    return Ownership(scope: scope, declared: declared, oldNames: oldNames)
  }

  /// Which remote names a desired state owns (see `DesiredState.owns`).
  public struct Ownership: Sendable {
    let scope: Scope
    let declared: Set<String>
    let oldNames: Set<String>

    public func owns(_ name: String) -> Bool {
      if declared.contains(name) { return true }
      if scope.exclude.matches(name) { return false }
      if let include = scope.include { return include.matches(name) }
      return oldNames.contains(name)
    }
  }

  /// The declared route of that name, if any.
  public func route(named name: String) -> RouteSpec? {
    routes.first { $0.name == name }
  }

  /// Which remote routes this file owns: declared, or matching `scope.include` and not
  /// `scope.exclude` (routes have no `renamed_from`).
  public func routeOwnership() -> Ownership {
    Ownership(scope: scope, declared: Set(routes.map(\.name)), oldNames: [])
  }

  /// The declared custom model of that name, if any.
  public func customModel(named name: String) -> CustomModelSpec? {
    customModels.first { $0.name == name }
  }

  /// Which remote custom models this file owns: declared, or matching `scope.include` and not
  /// `scope.exclude` (custom models have no `renamed_from`).
  public func customModelOwnership() -> Ownership {
    Ownership(scope: scope, declared: Set(customModels.map(\.name)), oldNames: [])
  }

  /// Whether `scope.protect` forbids deleting this name.
  public func isProtected(_ name: String) -> Bool {
    scope.protect.matches(name)
  }
}

/// What a file owns on the remote (SPEC §2 `scope`).
public struct Scope: Hashable, Sendable {
  /// Globs of owned names; `nil` means "the names this file declares".
  public var include: GlobSet?
  public var exclude: GlobSet
  /// Never deleted, even with prune.
  public var protect: GlobSet

  public init(include: GlobSet? = nil, exclude: GlobSet = GlobSet([]), protect: GlobSet = GlobSet([])) {
    self.include = include
    self.exclude = exclude
    self.protect = protect
  }
}

/// One declared alias: the whole truth for that name (a description left out means none).
public struct AliasSpec: Hashable, Sendable {
  public var name: String
  public var description: String?
  /// The fallback chain, in order.
  public var models: [String]
  /// Old names to rename in place instead of delete + create.
  public var renamedFrom: [String]
  public var smoke: [SmokeCase]
  /// Where the alias's name was declared.
  public var location: SourceLocation?
  /// Where each hop of `models` was written (same order; empty when not loaded from a file).
  public var modelLocations: [SourceLocation]

  public init(
    name: String, description: String? = nil, models: [String], renamedFrom: [String] = [],
    smoke: [SmokeCase] = [], location: SourceLocation? = nil, modelLocations: [SourceLocation] = []
  ) {
    self.name = name
    self.description = description
    self.models = models
    self.renamedFrom = renamedFrom
    self.smoke = smoke
    self.location = location
    self.modelLocations = modelLocations
  }

  /// Where hop `index` was written, falling back to the alias's own location.
  public func location(ofModel index: Int) -> SourceLocation? {
    modelLocations.indices.contains(index) ? modelLocations[index] : location
  }
}
