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
  /// The v3 catalog (`GET /v3/models`, retired rows and policy included): retirement,
  /// capabilities, context windows, prices, regions. Empty when the server has none.
  public var models: ModelCatalog

  public init(
    aliases: [Alias], customModels: [CustomModel] = [], catalog: [LanguageModel] = [],
    models: [CatalogModel] = []
  ) {
    self.aliases = aliases
    self.customModels = customModels
    self.catalog = catalog
    self.models = ModelCatalog(models)
  }

  /// Reads aliases, custom models and both catalogs concurrently; throws the first
  /// `OpperAPIError` (or `CancellationError` when the task is cancelled). A server without
  /// `/v3/models` (404) gives an empty v3 catalog: the catalog checks then stay silent.
  public static func read(from api: some AliasAPI & CatalogAPI) async throws -> RemoteState {
    async let aliases = api.listAliases()
    async let models = api.listModels()
    async let custom = api.listCustomModels()
    async let rows = readCatalog(api)
    // Each awaited value is bound first: never build an aggregate around `try await`.
    let readAliases = try await aliases
    let readModels = try await models
    let readCustom = try await custom
    let readRows = try await rows
    return RemoteState(aliases: readAliases, customModels: readCustom, catalog: readModels, models: readRows)
  }

  private static func readCatalog(_ api: some CatalogAPI) async throws(OpperAPIError) -> [CatalogModel] {
    do {
      return try await api.listCatalog(CatalogQuery())
    } catch  where error.status == 404 {
      return []
    }
  }
}
