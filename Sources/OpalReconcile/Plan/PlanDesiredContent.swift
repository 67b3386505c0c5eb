import OpalConfig
import OpalCore

/// The desired content a plan carries (`"desired"` in the plan document), so `opal apply
/// plan.json` needs no `-f`: scope, prune and every declared alias (name, description, chain,
/// renamed_from), the same fields the desired fingerprint covers, sorted by name, and every
/// declared route (`PlanRouteDocument`; the key is left out when there are none, so an
/// alias-only plan reads as before). Smoke cases and alias source locations are not part of a
/// plan.
public struct PlanDesiredContent: Hashable, Sendable, Codable {
  /// `scope` as patterns.
  public struct ScopeDocument: Hashable, Sendable, Codable {
    public var include: [String]?
    public var exclude: [String]
    public var protect: [String]

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(include, forKey: .include)
      try c.encode(exclude, forKey: .exclude)
      try c.encode(protect, forKey: .protect)
    }
  }

  /// One declared alias.
  public struct AliasDocument: Hashable, Sendable, Codable {
    public var name: String
    public var description: String?
    public var models: [String]
    public var renamedFrom: [String]

    enum CodingKeys: String, CodingKey {
      case name, description, models
      case renamedFrom = "renamed_from"
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(name, forKey: .name)
      try c.encode(description, forKey: .description)
      try c.encode(models, forKey: .models)
      try c.encode(renamedFrom, forKey: .renamedFrom)
    }
  }

  /// One declared custom model: its content and where its key comes from (never the key).
  public struct CustomModelDocument: Hashable, Sendable, Codable {
    public var name: String
    public var identifier: String
    public var extra: [String: JSONValue]
    public var apiKey: KeyReference?

    enum CodingKeys: String, CodingKey {
      case name, identifier, extra
      case apiKey = "api_key"
    }
  }

  public var scope: ScopeDocument
  public var prune: Bool
  public var aliases: [AliasDocument]
  /// The declared routes, sorted by name.
  public var routes: [PlanRouteDocument]
  /// The declared custom models; nil (left out of the document) when there are none.
  public var customModels: [CustomModelDocument]?

  enum CodingKeys: String, CodingKey {
    case scope, prune, aliases, routes
    case customModels = "custom_models"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    scope = try c.decode(ScopeDocument.self, forKey: .scope)
    prune = try c.decode(Bool.self, forKey: .prune)
    aliases = try c.decode([AliasDocument].self, forKey: .aliases)
    routes = try c.decodeIfPresent([PlanRouteDocument].self, forKey: .routes) ?? []
    customModels = try c.decodeIfPresent([CustomModelDocument].self, forKey: .customModels)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(scope, forKey: .scope)
    try c.encode(prune, forKey: .prune)
    try c.encode(aliases, forKey: .aliases)
    if !routes.isEmpty { try c.encode(routes, forKey: .routes) }
    try c.encodeIfPresent(customModels, forKey: .customModels)
  }

  public init(_ state: DesiredState) {
    let aliases = state.aliases
    self.init(state, sortedOrder: aliases.indices.sorted { aliases[$0].name < aliases[$1].name })
  }

  /// The same from the indices of the state's aliases sorted by name (no copy of each spec).
  init(_ state: DesiredState, sortedOrder: [Int]) {
    func patterns(_ set: GlobSet) -> [String] { set.globs.map(\.pattern) }
    scope = ScopeDocument(
      include: state.scope.include.map(patterns), exclude: patterns(state.scope.exclude),
      protect: patterns(state.scope.protect))
    prune = state.prune
    let specs = state.aliases
    aliases = sortedOrder.map { i in
      AliasDocument(
        name: specs[i].name, description: AliasContent.normalized(specs[i].description),
        models: specs[i].models, renamedFrom: specs[i].renamedFrom)
    }
    routes = state.routes.sorted { $0.name < $1.name }.map(PlanRouteDocument.init)
    let models = state.customModels.sorted { $0.name < $1.name }.map {
      CustomModelDocument(name: $0.name, identifier: $0.identifier, extra: $0.extra, apiKey: $0.apiKey)
    }
    customModels = models.isEmpty ? nil : models
  }

  /// The desired state back; the globs are compiled again (a bad one is a decoding error).
  public func state(files: [String] = []) throws -> DesiredState {
    func globs(_ patterns: [String]) throws -> GlobSet {
      do {
        return try GlobSet(patterns: patterns)
      } catch {
        throw DecodingError.dataCorrupted(
          .init(codingPath: [], debugDescription: "bad glob in the plan's scope: \(error.message)"))
      }
    }
    let include = try scope.include.map(globs)
    var state = DesiredState(
      scope: Scope(include: include, exclude: try globs(scope.exclude), protect: try globs(scope.protect)),
      prune: prune,
      aliases: aliases.map {
        AliasSpec(name: $0.name, description: $0.description, models: $0.models, renamedFrom: $0.renamedFrom)
      },
      files: files, routes: routes.map(\.spec))
    state.customModels = (customModels ?? []).map {
      CustomModelSpec(name: $0.name, identifier: $0.identifier, extra: $0.extra, apiKey: $0.apiKey)
    }
    return state
  }
}
