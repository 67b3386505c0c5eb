import Hummingbird
import OpalCore
import OpperAPI

/// What a management write came to, computed under the store's lock and answered afterwards:
/// the route's new state with the meta to send, or why it was refused.
enum RouteMutation: Sendable {
  case done(DynamicRouteRecord, ManagementMeta, status: Int)
  case notFound(String)
  case refused(status: Int, code: String, message: String, details: JSONValue)

  static func conflict(_ code: String, _ message: String, details: JSONValue = .null) -> RouteMutation {
    .refused(status: 409, code: code, message: message, details: details)
  }

  static func invalid(_ code: String, _ message: String, details: JSONValue = .null) -> RouteMutation {
    .refused(status: 422, code: code, message: message, details: details)
  }

  static func missing(_ name: String) -> RouteMutation { .notFound("dynamic route '\(name)' not found") }

  var response: Response {
    switch self {
    case .done(let record, let meta, let status):
      return ManagementReply.data(record.detail, meta: meta, status: HTTPResponse.Status(code: status))
    case .notFound(let message):
      return ManagementReply.notFound(message)
    case .refused(let status, let code, let message, let details):
      return ManagementReply.error(status, code, message, details: details)
    }
  }
}

/// The deploy preconditions of one request (each nil when not sent) and how they are checked.
struct DeployPreconditions: Sendable, Equatable {
  var routeUUID: String?
  var draftRevision: Int?
  var activeVersionNumber: Int?

  /// The 409 when one no longer holds, else nil.
  func mismatch(_ record: DynamicRouteRecord) -> RouteMutation? {
    var problems: [String] = []
    var details: [String: JSONValue] = [:]
    if let uuid = routeUUID, RouteUUID(uuid) != RouteUUID(record.id) {
      problems.append("the route's uuid is \(record.id), not \(uuid) (deleted and re-created?)")
      details["route_uuid"] = .string(record.id)
    }
    if let revision = draftRevision, revision != record.draftRevision {
      problems.append("the draft is at revision \(record.draftRevision), not \(revision)")
      details["draft_revision"] = .integer(record.draftRevision)
    }
    if let active = activeVersionNumber, active != record.activeVersionNumber {
      problems.append("the active version is \(record.activeVersionNumber), not \(active)")
      details["active_version_number"] = .integer(record.activeVersionNumber)
    }
    guard !problems.isEmpty else { return nil }
    return .conflict(
      "precondition_failed", "precondition failed: " + problems.joined(separator: "; "),
      details: .object(details))
  }
}
