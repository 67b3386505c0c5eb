import Crypto
import OpalConfig
import OpalCore

/// The route half of a plan (SPEC §13): the changes, the routes already live as declared, the
/// notes, and the in-scope remote routes it was diffed against (uuid, draft revision and active
/// version each: the plan's preconditions, covered by its fingerprint).
public struct RoutePlan: Hashable, Sendable, Codable {
  /// Creates, updates, then deletes, each by name.
  public var changes: [RouteChange]
  public var unchanged: [String]
  public var notes: [String]
  public var remoteSnapshot: [RemoteRoute]

  public init(
    changes: [RouteChange] = [], unchanged: [String] = [], notes: [String] = [],
    remoteSnapshot: [RemoteRoute] = []
  ) {
    self.changes = changes
    self.unchanged = unchanged
    self.notes = notes
    self.remoteSnapshot = remoteSnapshot
  }

  public var hasChanges: Bool { !changes.isEmpty }

  /// The changes of one kind, by name.
  public func changes(_ action: RouteChange.Action) -> [RouteChange] {
    changes.filter { $0.action == action }
  }

  /// The sha256 of what the route half was made from: the desired routes and, per in-scope
  /// remote route, its uuid, draft revision, active version and live graph.
  public var fingerprint: String {
    var hasher = SHA256()
    let document: JSONValue = .object([
      "desired": .array(
        changes.compactMap { change in change.after.map { Self.canonical(change.name, $0) } }
          + unchanged.map { .string($0) }),
      "remote": .array(
        remoteSnapshot.map { route in
          .object([
            "name": .string(route.name), "uuid": .string(route.uuid),
            "draft_revision": .integer(route.draftRevision),
            "active_version_number": .integer(route.activeVersionNumber),
            "active_graph": route.activeGraph ?? .null,
            "description": route.description.map { .string($0) } ?? .null,
          ])
        }),
    ])
    var text = document.canonicalJSON
    text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }

  private static func canonical(_ name: String, _ content: RouteContent) -> JSONValue {
    .object([
      "name": .string(name), "graph": content.graph,
      "description": content.description.map { .string($0) } ?? .null,
      "tests": .integer(content.tests.count),
    ])
  }

  enum CodingKeys: String, CodingKey {
    case changes, unchanged, notes
    case remoteSnapshot = "remote_snapshot"
  }
}
