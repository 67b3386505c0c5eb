import Foundation
import OpalCore

/// The management API's error bodies (opper-routes-api.md §1.2): the envelope
/// `{"error": {"code", "message", "details"}}`, the bare `{"error": "…"}`, and the plan/scope
/// gate `{"error": "…", "required_scope", "current_plan", "allowed_plans"}` of a 403, which this
/// type turns into a message that says what to do.
struct ManagementErrorBody: Decodable {
  var code: String?
  var message: String
  var details: JSONValue?
  var requiredScope: String?
  var currentPlan: String?
  var allowedPlans: [String]?

  enum CodingKeys: String, CodingKey {
    case error
    case requiredScope = "required_scope"
    case currentPlan = "current_plan"
    case allowedPlans = "allowed_plans"
  }

  private struct Envelope: Decodable {
    var code: String?
    var message: String?
    var details: JSONValue?
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    if let text = try? c.decode(String.self, forKey: .error) {
      message = text
    } else {
      let envelope = try c.decode(Envelope.self, forKey: .error)
      code = envelope.code
      message = envelope.message ?? ""
      details = envelope.details
    }
    requiredScope = try? c.decodeIfPresent(String.self, forKey: .requiredScope)
    currentPlan = try? c.decodeIfPresent(String.self, forKey: .currentPlan)
    allowedPlans = try? c.decodeIfPresent([String].self, forKey: .allowedPlans)
  }

  /// The error kind for `status`, or nil when `body` is not a management error.
  static func kind(status: Int, body: [UInt8]) -> OpperAPIError.Kind? {
    guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(body)) else { return nil }
    return .http(
      status: status, type: decoded.code.map { APIErrorDecoding.sanitise($0, limit: 80) },
      message: decoded.explained)
  }

  /// The message, plus what a gate 403 means for the user.
  var explained: String {
    var parts: [String] = []
    let base = APIErrorDecoding.sanitise(message, limit: 300)
    if !base.isEmpty { parts.append(base) }
    if let details, let rendered = APIErrorDecoding.render(detail: details), !rendered.isEmpty,
      rendered != base
    {
      parts.append(rendered)
    }
    if let scope = requiredScope.map({ APIErrorDecoding.sanitise($0, limit: 80) }), !scope.isEmpty {
      parts.append(
        "the management key lacks the scope '\(scope)': mint a management key (op-mak-…) with it "
          + "and pass it as OPPER_MANAGEMENT_KEY or --management-key-file (a project key is refused here)")
    }
    if let plan = currentPlan.map({ APIErrorDecoding.sanitise($0, limit: 80) }) {
      let allowed = (allowedPlans ?? []).map { APIErrorDecoding.sanitise($0, limit: 40) }
      let list = allowed.isEmpty ? "" : " (available on: \(allowed.joined(separator: ", ")))"
      parts.append("the organization's plan '\(plan)' does not include the Management API\(list)")
    }
    return parts.isEmpty ? "(no message)" : parts.joined(separator: "; ")
  }
}
