import OpalCore

/// Body of `POST /management/v1/dynamic-routes`. opal always sends `deploy: false`: it deploys
/// separately, guarded.
public struct RouteCreate: Codable, Hashable, Sendable {
  public var name: String
  public var graph: JSONValue
  public var description: String?
  public var deploy: Bool

  public init(name: String, graph: JSONValue, description: String? = nil, deploy: Bool = false) {
    self.name = name
    self.graph = graph
    self.description = description
    self.deploy = deploy
  }
}

/// Body of `PUT …/{name}/draft`: the whole graph (no partial patch).
public struct RouteDraftUpdate: Codable, Hashable, Sendable {
  public var graph: JSONValue
  public var description: String?
  public var layout: JSONValue?

  public init(graph: JSONValue, description: String? = nil, layout: JSONValue? = nil) {
    self.graph = graph
    self.description = description
    self.layout = layout
  }
}

/// Body of the guarded deployment: all three preconditions and the idempotency key are required.
public struct RouteDeployment: Codable, Hashable, Sendable {
  public var expectedRouteUUID: RouteUUID
  public var expectedDraftRevision: Int
  /// 0 means "currently unpublished".
  public var expectedActiveVersionNumber: Int
  public var idempotencyKey: String
  public var note: String?

  public init(
    expectedRouteUUID: RouteUUID, expectedDraftRevision: Int, expectedActiveVersionNumber: Int,
    idempotencyKey: String, note: String? = nil
  ) {
    self.expectedRouteUUID = expectedRouteUUID
    self.expectedDraftRevision = expectedDraftRevision
    self.expectedActiveVersionNumber = expectedActiveVersionNumber
    self.idempotencyKey = idempotencyKey
    self.note = note
  }

  enum CodingKeys: String, CodingKey {
    case note
    case expectedRouteUUID = "expected_route_uuid"
    case expectedDraftRevision = "expected_draft_revision"
    case expectedActiveVersionNumber = "expected_active_version_number"
    case idempotencyKey = "idempotency_key"
  }
}

/// Body of `POST …/{name}/undeploy` (every field optional).
public struct RouteUndeploy: Codable, Hashable, Sendable {
  public var expectedRouteUUID: RouteUUID?
  public var expectedActiveVersionNumber: Int?
  public var idempotencyKey: String?

  public init(
    expectedRouteUUID: RouteUUID? = nil, expectedActiveVersionNumber: Int? = nil,
    idempotencyKey: String? = nil
  ) {
    self.expectedRouteUUID = expectedRouteUUID
    self.expectedActiveVersionNumber = expectedActiveVersionNumber
    self.idempotencyKey = idempotencyKey
  }

  enum CodingKeys: String, CodingKey {
    case expectedRouteUUID = "expected_route_uuid"
    case expectedActiveVersionNumber = "expected_active_version_number"
    case idempotencyKey = "idempotency_key"
  }
}

/// Body of `POST …/{name}/simulate`: walk the draft (`versionNumber == nil`) or a version.
public struct RouteSimulationRequest: Codable, Hashable, Sendable {
  public var versionNumber: Int?
  public var input: JSONValue?
  public var metadata: JSONValue?
  /// `{model_outcomes, classifier_cases, conditional_cases, percentage_buckets}`.
  public var overrides: JSONValue?

  public init(
    versionNumber: Int? = nil, input: JSONValue? = nil, metadata: JSONValue? = nil,
    overrides: JSONValue? = nil
  ) {
    self.versionNumber = versionNumber
    self.input = input
    self.metadata = metadata
    self.overrides = overrides
  }

  /// Forces each named model or pool node to `success` or `fallback`.
  public static func modelOutcomes(_ outcomes: [String: String], versionNumber: Int? = nil) -> Self {
    RouteSimulationRequest(
      versionNumber: versionNumber,
      overrides: .object(["model_outcomes": .object(outcomes.mapValues { .string($0) })]))
  }

  enum CodingKeys: String, CodingKey {
    case input, metadata, overrides
    case versionNumber = "version_number"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(versionNumber, forKey: .versionNumber)  // null: the draft
    try c.encodeIfPresent(input, forKey: .input)
    try c.encodeIfPresent(metadata, forKey: .metadata)
    try c.encodeIfPresent(overrides, forKey: .overrides)
  }
}

/// Body of `POST …/versions/{n}/rollback`.
public struct RouteRollback: Codable, Hashable, Sendable {
  public var note: String?
  public init(note: String? = nil) { self.note = note }
}
