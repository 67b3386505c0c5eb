import OpalCore
import OpperAPI

/// One remote dynamic route as the planner sees it: identity, the draft's revision, whether the
/// draft differs from what is live, and the **active** version's graph (what callers get; nil
/// when never deployed or undeployed).
public struct RemoteRoute: Hashable, Sendable, Codable {
  public var name: String
  public var uuid: String
  public var description: String?
  public var draftRevision: Int
  /// 0: unpublished.
  public var activeVersionNumber: Int
  public var draftDirty: Bool
  public var activeGraph: JSONValue?
  /// The draft's graph (export writes it for a route with nothing live).
  public var draftGraph: JSONValue?

  public init(
    name: String, uuid: String, description: String? = nil, draftRevision: Int, activeVersionNumber: Int,
    draftDirty: Bool, activeGraph: JSONValue? = nil, draftGraph: JSONValue? = nil
  ) {
    self.draftGraph = draftGraph
    self.name = name
    self.uuid = uuid
    self.description = description
    self.draftRevision = draftRevision
    self.activeVersionNumber = activeVersionNumber
    self.draftDirty = draftDirty
    self.activeGraph = activeGraph
  }

  enum CodingKeys: String, CodingKey {
    case name, uuid, description
    case draftRevision = "draft_revision"
    case activeVersionNumber = "active_version_number"
    case draftDirty = "draft_dirty"
    case activeGraph = "active_graph"
    case draftGraph = "draft_graph"
  }

  /// How many more times a read that failed transiently (after the client's own retries) is
  /// made again, so one unlucky request does not abort a plan of hundreds of routes.
  static let extraReadRounds = 2

  /// Reads every route with its draft revision and active graph: the list, then one detail and
  /// (when deployed) one version read per route, at most `concurrency` at a time. Each answer is
  /// checked to be about the route asked for (the client does that).
  public static func readAll(from api: some DynamicRoutesAPI, concurrency: Int = 8) async throws
    -> [RemoteRoute]
  {
    let summaries = try await retrying { () async throws(OpperAPIError) in try await api.listRoutes() }
    let routes = try await BoundedConcurrency.map(summaries, width: concurrency) {
      summary async throws(OpperAPIError) in
      try await retrying { () async throws(OpperAPIError) in try await read(summary, from: api) }
    }
    return routes.compactMap { $0 }.sorted { $0.name < $1.name }
  }

  /// `body`, made again up to `extraReadRounds` times while it fails transiently.
  private static func retrying<T>(_ body: () async throws(OpperAPIError) -> T) async throws(OpperAPIError)
    -> T
  {
    var round = 0
    while true {
      do throws(OpperAPIError) {
        let value = try await body()
        return value
      } catch  where error.isTransient && round < extraReadRounds && !Task.isCancelled {
        round += 1
      }
    }
  }

  private static func read(_ summary: RouteSummary, from api: some DynamicRoutesAPI)
    async throws(OpperAPIError)
    -> RemoteRoute?
  {
    guard let detail = try await api.route(named: summary.name) else { return nil }  // deleted meanwhile
    let active = detail.detail.activeVersionNumber
    var graph: JSONValue?
    if active > 0 {
      let version = try await api.version(name: summary.name, number: active)
      graph = version?.graph
    }
    return RemoteRoute(
      name: summary.name, uuid: detail.detail.route.uuid.value,
      description: detail.detail.route.description, draftRevision: detail.detail.draftRevision,
      activeVersionNumber: active, draftDirty: summary.draftDirty ?? (detail.detail.draft?.graph != graph),
      activeGraph: graph, draftGraph: detail.detail.draft?.graph)
  }
}
