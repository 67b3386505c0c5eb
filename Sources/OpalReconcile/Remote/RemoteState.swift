import OpalConfig
import OpalCore
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
  /// Why the v3 catalog could not be read (it is then empty), for a warning: the catalog
  /// checks are skipped rather than blocking a plan on a catalog outage.
  public var catalogProblem: String?
  /// Every dynamic route with its active graph; nil when routes were not read (no management
  /// key): the plan then has no route half.
  public var routes: [RemoteRoute]?

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
    // The client shares the aliases' chains page by page as they arrive (`SharedChains`).
    async let aliases = api.listAliases()
    async let models = api.listModels()
    async let custom = api.listCustomModels()
    async let rows = readCatalog(api)
    // Each awaited value is bound first: never build an aggregate around `try await`.
    let readAliases = try await aliases
    let readModels = try await models
    let readCustom = try await custom
    let readRows = try await rows
    var state = RemoteState(
      aliases: readAliases, customModels: readCustom, catalog: readModels,
      models: readRows.rows)
    state.catalogProblem = readRows.problem
    return state
  }

  /// The v3 rows as read, or none and why.
  private struct CatalogRead: Sendable {
    var rows: [CatalogModel]
    var problem: String?
  }

  /// The v3 rows, or none with the reason: a server without `/v3/models` (404) is no problem;
  /// any other failure but a cancellation is reported as a warning, never fatal.
  private static func readCatalog(_ api: some CatalogAPI) async throws(OpperAPIError) -> CatalogRead {
    var rows: [CatalogModel] = []
    var problem: String?
    do {
      rows = try await api.listCatalog(CatalogQuery())
    } catch  where error.status == 404 {
      problem = nil
    } catch  where error.kind != .cancelled {
      problem = error.description
    }
    return CatalogRead(rows: rows, problem: problem)
  }

  /// The warning for a v3 catalog that could not be read, if it could not.
  public var catalogWarning: Diagnostic? {
    catalogProblem.map {
      .warning(
        "the model catalog (GET /v3/models) could not be read: \($0); retirement, policy and price "
          + "checks were skipped")
    }
  }

  /// The remote as the online checks see it once the declared custom models exist: a chain hop
  /// naming a custom model the same config declares is a model (it is created before the
  /// aliases). Only for checking; the planner diffs against the remote as read.
  public func declaring(_ desired: DesiredState) -> RemoteState {
    var state = self
    let known = Set(customModels.map(\.name))
    for spec in desired.customModels where !known.contains(spec.name) {
      state.customModels.append(
        CustomModel(id: "", name: spec.name, identifier: spec.identifier, extra: spec.extra))
    }
    return state
  }
}
