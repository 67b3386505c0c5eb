import OpalCore

/// One dynamic route in a snapshot: its identity and active version before the apply (nil when
/// it did not exist: a rollback deletes it), with the live graph so a deleted route can be made
/// again. A rollback uses the server's rollback to `activeVersionNumber`.
public struct SnapshotRoute: Hashable, Sendable, Codable {
  /// What the route was before the apply.
  public struct State: Hashable, Sendable, Codable {
    public var uuid: String
    /// 0: it existed with nothing deployed.
    public var activeVersionNumber: Int
    public var draftRevision: Int
    public var description: String?
    public var activeGraph: JSONValue?

    public init(_ route: RemoteRoute) {
      uuid = route.uuid
      activeVersionNumber = route.activeVersionNumber
      draftRevision = route.draftRevision
      description = route.description
      activeGraph = route.activeGraph
    }

    enum CodingKeys: String, CodingKey {
      case uuid, description
      case activeVersionNumber = "active_version_number"
      case draftRevision = "draft_revision"
      case activeGraph = "active_graph"
    }
  }

  public var name: String
  public var before: State?

  public init(name: String, before: State?) {
    self.name = name
    self.before = before
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(before, forKey: .before)
  }

  enum CodingKeys: String, CodingKey { case name, before }
}
