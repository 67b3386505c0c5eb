/// `meta` of a call answer: how a `dynamic/<name>` model was routed (absent for other models).
public struct CallMeta: Codable, Hashable, Sendable {
  public var routing: CallRouting?
  public init(routing: CallRouting? = nil) { self.routing = routing }
}

/// `meta.routing` (opper-routes-api.md §4): the model string asked for, the version and node
/// that ran, and the model that produced the answer.
public struct CallRouting: Codable, Hashable, Sendable {
  /// Which route version ran and which node answered.
  public struct RouteRef: Codable, Hashable, Sendable {
    public var name: String
    public var version: Int?
    public var versionUUID: String?
    public var node: String?

    public init(name: String, version: Int? = nil, versionUUID: String? = nil, node: String? = nil) {
      self.name = name
      self.version = version
      self.versionUUID = versionUUID
      self.node = node
    }

    enum CodingKeys: String, CodingKey {
      case name, version, node
      case versionUUID = "version_uuid"
    }
  }

  public var requested: String
  public var route: RouteRef?
  public var served: String?

  public init(requested: String, route: RouteRef? = nil, served: String? = nil) {
    self.requested = requested
    self.route = route
    self.served = served
  }
}
