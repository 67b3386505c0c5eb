import OpalCore

/// One item of `GET /management/v1/dynamic-routes` (opper-routes-api.md §2.1).
public struct RouteSummary: Codable, Hashable, Sendable {
  public var uuid: RouteUUID
  public var name: String
  public var description: String?
  public var invocationModel: String?
  public var draftDirty: Bool?
  public var createdAt: String?
  public var updatedAt: String?
  /// Absent or 0: never deployed or undeployed.
  public var activeVersionNumber: Int?
  public var activeVersionUUID: RouteUUID?
  public var latestVersionNumber: Int?
  public var deletedAt: String?

  public init(
    uuid: RouteUUID, name: String, description: String? = nil, invocationModel: String? = nil,
    draftDirty: Bool? = nil, createdAt: String? = nil, updatedAt: String? = nil,
    activeVersionNumber: Int? = nil, activeVersionUUID: RouteUUID? = nil,
    latestVersionNumber: Int? = nil, deletedAt: String? = nil
  ) {
    self.uuid = uuid
    self.name = name
    self.description = description
    self.invocationModel = invocationModel
    self.draftDirty = draftDirty
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.activeVersionNumber = activeVersionNumber
    self.activeVersionUUID = activeVersionUUID
    self.latestVersionNumber = latestVersionNumber
    self.deletedAt = deletedAt
  }

  /// The active version number, 0 when unpublished.
  public var activeVersion: Int { activeVersionNumber ?? 0 }

  enum CodingKeys: String, CodingKey {
    case uuid, name, description
    case invocationModel = "invocation_model"
    case draftDirty = "draft_dirty"
    case createdAt = "created_at"
    case updatedAt = "updated_at"
    case activeVersionNumber = "active_version_number"
    case activeVersionUUID = "active_version_uuid"
    case latestVersionNumber = "latest_version_number"
    case deletedAt = "deleted_at"
  }
}

/// A validation issue of a draft (`meta.issues`, `draft.validation`).
public struct RouteIssue: Codable, Hashable, Sendable {
  public var code: String
  public var message: String
  /// `error` blocks a deploy; `warning` does not (the enum is unverified: anything but
  /// `warning`/`info` is treated as an error).
  public var severity: String?
  public var node: String?
  public var field: String?

  public init(
    code: String, message: String, severity: String? = "error", node: String? = nil, field: String? = nil
  ) {
    self.code = code
    self.message = message
    self.severity = severity
    self.node = node
    self.field = field
  }

  /// True unless the severity says warning or info.
  public var isError: Bool {
    let s = (severity ?? "error").lowercased()
    return s != "warning" && s != "info"
  }
}

/// The route object inside a `RouteDetail`.
public struct RouteObject: Codable, Hashable, Sendable {
  public var uuid: RouteUUID
  public var name: String
  public var description: String?
  public var invocationModel: String?
  public var draftRevision: Int?
  public var createdAt: String?
  public var updatedAt: String?
  public var deletedAt: String?

  public init(
    uuid: RouteUUID, name: String, description: String? = nil, invocationModel: String? = nil,
    draftRevision: Int? = nil
  ) {
    self.uuid = uuid
    self.name = name
    self.description = description
    self.invocationModel = invocationModel
    self.draftRevision = draftRevision
  }

  enum CodingKeys: String, CodingKey {
    case uuid, name, description
    case invocationModel = "invocation_model"
    case draftRevision = "draft_revision"
    case createdAt = "created_at"
    case updatedAt = "updated_at"
    case deletedAt = "deleted_at"
  }
}

/// A route's draft: the graph, the canvas layout, its revision and validation issues.
public struct RouteDraft: Codable, Hashable, Sendable {
  public var graph: JSONValue?
  public var layout: JSONValue?
  public var revision: Int?
  public var validation: [RouteIssue]?

  public init(
    graph: JSONValue? = nil, layout: JSONValue? = nil, revision: Int? = nil, validation: [RouteIssue]? = nil
  ) {
    self.graph = graph
    self.layout = layout
    self.revision = revision
    self.validation = validation
  }
}

/// A version in a list (and `active_version`).
public struct RouteVersionSummary: Codable, Hashable, Sendable {
  public var uuid: RouteUUID?
  public var versionNumber: Int
  public var note: String?
  public var createdAt: String?

  public init(uuid: RouteUUID? = nil, versionNumber: Int, note: String? = nil, createdAt: String? = nil) {
    self.uuid = uuid
    self.versionNumber = versionNumber
    self.note = note
    self.createdAt = createdAt
  }

  enum CodingKeys: String, CodingKey {
    case uuid, note
    case versionNumber = "version_number"
    case createdAt = "created_at"
  }
}

/// One immutable deployed version with its graph.
public struct RouteVersionDetail: Codable, Hashable, Sendable {
  public var uuid: RouteUUID?
  public var versionNumber: Int
  public var routeName: String?
  public var description: String?
  public var note: String?
  public var draftRevision: Int?
  public var createdAt: String?
  public var graph: JSONValue?
  public var layout: JSONValue?
  public var validation: [RouteIssue]?

  public init(
    uuid: RouteUUID? = nil, versionNumber: Int, routeName: String? = nil, description: String? = nil,
    note: String? = nil, draftRevision: Int? = nil, createdAt: String? = nil, graph: JSONValue? = nil,
    layout: JSONValue? = nil
  ) {
    self.uuid = uuid
    self.versionNumber = versionNumber
    self.routeName = routeName
    self.description = description
    self.note = note
    self.draftRevision = draftRevision
    self.createdAt = createdAt
    self.graph = graph
    self.layout = layout
  }

  enum CodingKeys: String, CodingKey {
    case uuid, description, note, graph, layout, validation
    case versionNumber = "version_number"
    case routeName = "route_name"
    case draftRevision = "draft_revision"
    case createdAt = "created_at"
  }
}

/// The `data` of get, create, PUT draft, deploy, rollback, restore, undeploy and receipt.
public struct RouteDetail: Codable, Hashable, Sendable {
  public var route: RouteObject
  public var draft: RouteDraft?
  public var versionCount: Int?
  public var activeVersion: RouteVersionSummary?
  public var latestVersionNumber: Int?

  public init(
    route: RouteObject, draft: RouteDraft? = nil, versionCount: Int? = nil,
    activeVersion: RouteVersionSummary? = nil, latestVersionNumber: Int? = nil
  ) {
    self.route = route
    self.draft = draft
    self.versionCount = versionCount
    self.activeVersion = activeVersion
    self.latestVersionNumber = latestVersionNumber
  }

  /// The active version number, 0 when unpublished.
  public var activeVersionNumber: Int { activeVersion?.versionNumber ?? 0 }
  /// The draft revision (from the draft, else the route object), 0 when neither says.
  public var draftRevision: Int { draft?.revision ?? route.draftRevision ?? 0 }

  enum CodingKeys: String, CodingKey {
    case route, draft
    case versionCount = "version_count"
    case activeVersion = "active_version"
    case latestVersionNumber = "latest_version_number"
  }
}
