import Foundation
import OpalCore
import OpperAPI

/// One dynamic route as the emulator keeps it (opper-routes-api.md §2.4): identity, the draft
/// (graph, layout, revision, validation issues), the append-only versions 1…n, the live pointer
/// (0: unpublished) and the idempotency receipts of its deployments. A soft-deleted route is
/// removed from the collection, so its name is free and a new route of that name gets a new
/// uuid; its receipts go with it.
struct DynamicRouteRecord: StoredRecord {
  var id: String
  var name: String
  var description: String
  var createdAt: String
  var updatedAt: String
  var draftGraph: JSONValue
  var draftLayout: JSONValue
  var draftRevision: Int
  var draftValidation: [RouteIssue]
  var versions: [StoredRouteVersion]
  var activeVersionNumber: Int
  var receipts: [String: DeploymentReceipt]

  /// A patch replaces the whole record (the management handlers compute it under the store's
  /// lock).
  typealias Patch = DynamicRouteRecord

  static func newName(in patch: DynamicRouteRecord) -> String? { patch.name }
  func applying(_ patch: DynamicRouteRecord) -> DynamicRouteRecord { patch }
  static var kind: String { "dynamic_routes" }
  static var collection: WritableKeyPath<StoreContents, ResourceCollection<DynamicRouteRecord>> {
    \.dynamicRoutes
  }

  var activeVersion: StoredRouteVersion? {
    activeVersionNumber > 0 ? versions.first { $0.number == activeVersionNumber } : nil
  }

  /// The draft differs from the active version's graph (or, never deployed, from nothing).
  var draftDirty: Bool { activeVersion?.graph != draftGraph }

  var hasBlockingIssues: Bool { draftValidation.contains { $0.isError } }

  /// Appends a new version cut from `graph` and points the route at it.
  mutating func publish(graph: JSONValue, layout: JSONValue, note: String?, now: String) -> StoredRouteVersion
  {
    let version = StoredRouteVersion(
      uuid: RandomID.make(), number: (versions.last?.number ?? 0) + 1,
      note: note ?? "", createdAt: now, description: description, draftRevision: draftRevision,
      graph: graph, layout: layout)
    versions.append(version)
    activeVersionNumber = version.number
    updatedAt = now
    return version
  }

  static func timestamp(_ date: Date = Date()) -> String { InternetTimestamp.string(date) }

  enum CodingKeys: String, CodingKey {
    case id, name, description, versions, receipts
    case createdAt = "created_at"
    case updatedAt = "updated_at"
    case draftGraph = "draft_graph"
    case draftLayout = "draft_layout"
    case draftRevision = "draft_revision"
    case draftValidation = "draft_validation"
    case activeVersionNumber = "active_version_number"
  }
}

/// One immutable deployed version.
struct StoredRouteVersion: Codable, Sendable, Equatable {
  var uuid: String
  var number: Int
  var note: String
  var createdAt: String
  var description: String
  var draftRevision: Int
  var graph: JSONValue
  var layout: JSONValue

  var summary: RouteVersionSummary {
    RouteVersionSummary(uuid: RouteUUID(uuid), versionNumber: number, note: note, createdAt: createdAt)
  }

  enum CodingKeys: String, CodingKey {
    case uuid, number, note, description, graph, layout
    case createdAt = "created_at"
    case draftRevision = "draft_revision"
  }
}

/// What a completed deployment (or undeploy) by one idempotency key did: the version it
/// affected and the arguments it was made with (a replay must repeat them exactly).
struct DeploymentReceipt: Codable, Sendable, Equatable {
  var operation: String
  var arguments: String
  var versionNumber: Int

  enum CodingKeys: String, CodingKey {
    case operation, arguments
    case versionNumber = "version_number"
  }
}
