import OpperAPI

/// What the remote organization holds, as read at one moment: its aliases, its custom models and
/// the model catalog. The online validator and the planner take it whole, so a resource added
/// later (routes) is one more field here rather than one more argument everywhere.
///
/// It lives in OpalReconcile, not OpperAPI: it is the reconciler's view of the remote (what the
/// diff is made against), built from the API's wire types, which stay one type per endpoint.
public struct RemoteState: Sendable {
  /// Every alias of the organization (all pages), not only those in scope.
  public var aliases: [Alias]
  /// The organization's custom models.
  public var customModels: [CustomModel]
  /// The language-model catalog (`GET /models`).
  public var catalog: [LanguageModel]
  /// Every dynamic route with its active graph; nil when routes were not read (no management
  /// key): the plan then has no route half.
  public var routes: [RemoteRoute]?

  public init(aliases: [Alias], customModels: [CustomModel] = [], catalog: [LanguageModel] = []) {
    self.aliases = aliases
    self.customModels = customModels
    self.catalog = catalog
  }

  /// Reads aliases, custom models and the catalog concurrently; throws the first
  /// `OpperAPIError` (or `CancellationError` when the task is cancelled).
  public static func read(from api: some AliasAPI & CatalogAPI) async throws -> RemoteState {
    async let aliases = api.listAliases()
    async let models = api.listModels()
    async let custom = api.listCustomModels()
    // Each awaited value is bound first: never build an aggregate around `try await`.
    let readAliases = try await aliases
    let readModels = try await models
    let readCustom = try await custom
    return RemoteState(aliases: readAliases, customModels: readCustom, catalog: readModels)
  }
}
