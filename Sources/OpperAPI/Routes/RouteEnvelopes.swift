import OpalCore

/// The management API's success envelope: `{"data": …, "meta": {…}}`.
///
/// Decoded with `JSONTreeDecoder`: its payloads carry route graphs, free-form JSON that
/// `JSONDecoder` reads only slowly.
public struct ManagementEnvelope<Payload: Decodable & Sendable>: JSONTreeDecodable, Sendable {
  public var data: Payload
  public var meta: ManagementMeta

  enum CodingKeys: String, CodingKey { case data, meta }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    data = try c.decode(Payload.self, forKey: .data)
    meta = try c.decodeIfPresent(ManagementMeta.self, forKey: .meta) ?? ManagementMeta()
  }
}

/// What management answers put in `meta` (every field optional; unknown ones ignored).
public struct ManagementMeta: Codable, Hashable, Sendable {
  public var totalCount: Int?
  public var issues: [RouteIssue]?
  public var deployedVersion: RouteVersionSummary?
  public var idempotencyReplayed: Bool?
  public var target: JSONValue?
  public var defaultClassifierChain: JSONValue?
  public var defaultFirstTokenTimeoutMs: Int?

  public init() {}

  enum CodingKeys: String, CodingKey {
    case issues, target
    case totalCount = "total_count"
    case deployedVersion = "deployed_version"
    case idempotencyReplayed = "idempotency_replayed"
    case defaultClassifierChain = "default_classifier_chain"
    case defaultFirstTokenTimeoutMs = "default_first_token_timeout_ms"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    totalCount = try? c.decodeIfPresent(Int.self, forKey: .totalCount)
    issues = try? c.decodeIfPresent([RouteIssue].self, forKey: .issues)
    deployedVersion = Self.version(c)
    idempotencyReplayed = try? c.decodeIfPresent(Bool.self, forKey: .idempotencyReplayed)
    target = try? c.decodeIfPresent(JSONValue.self, forKey: .target)
    defaultClassifierChain = try? c.decodeIfPresent(JSONValue.self, forKey: .defaultClassifierChain)
    defaultFirstTokenTimeoutMs = try? c.decodeIfPresent(Int.self, forKey: .defaultFirstTokenTimeoutMs)
  }

  /// `deployed_version` as a version object, or a bare number.
  private static func version(_ c: KeyedDecodingContainer<CodingKeys>) -> RouteVersionSummary? {
    if let v = try? c.decodeIfPresent(RouteVersionSummary.self, forKey: .deployedVersion) { return v }
    if let n = try? c.decodeIfPresent(Int.self, forKey: .deployedVersion) {
      return RouteVersionSummary(versionNumber: n)
    }
    return nil
  }
}

/// A route detail with the meta that came with it (issues, deployed version, replay flag).
public struct RouteDetailAnswer: Sendable, Hashable {
  public var detail: RouteDetail
  public var meta: ManagementMeta
  public init(detail: RouteDetail, meta: ManagementMeta) {
    self.detail = detail
    self.meta = meta
  }
  /// Issues from `meta.issues`, else the draft's own validation list.
  public var issues: [RouteIssue] { meta.issues ?? detail.draft?.validation ?? [] }
}

/// The answer of `POST …/simulate`.
public struct RouteSimulation: Codable, Hashable, Sendable {
  /// One step of the walk.
  public struct Step: Codable, Hashable, Sendable {
    public var nodeId: String
    public var type: String?
    public var model: String?
    public var outcome: String?
    public var output: String?

    public init(
      nodeId: String, type: String? = nil, model: String? = nil, outcome: String? = nil, output: String? = nil
    ) {
      self.nodeId = nodeId
      self.type = type
      self.model = model
      self.outcome = outcome
      self.output = output
    }

    enum CodingKeys: String, CodingKey {
      case type, model, outcome, output
      case nodeId = "node_id"
    }
  }

  public var path: [Step]
  public var status: String?
  public var overrides: JSONValue?
  /// The node that would answer and its model (emulator fields; absent on servers that do not
  /// send them: read the last model step of `path` instead).
  public var answeringNode: String?
  public var model: String?

  public init(
    path: [Step], status: String? = nil, overrides: JSONValue? = nil, answeringNode: String? = nil,
    model: String? = nil
  ) {
    self.path = path
    self.status = status
    self.overrides = overrides
    self.answeringNode = answeringNode
    self.model = model
  }

  /// The answering node: `answering_node`, else the last step whose outcome is success.
  public var answeredBy: String? {
    answeringNode ?? path.last(where: { $0.outcome == "success" })?.nodeId
  }

  enum CodingKeys: String, CodingKey {
    case path, status, overrides, model
    case answeringNode = "answering_node"
  }
}
