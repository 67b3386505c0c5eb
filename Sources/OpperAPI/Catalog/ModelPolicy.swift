/// The org's policy verdict on one catalog row (`include=policy`): allowed or not, by whom
/// (`org`, `project` or `entitlement`) and the sentence the call-time 403 carries.
public struct ModelPolicy: Codable, Hashable, Sendable {
  public var allowed: Bool
  public var blockedBy: String?
  public var reason: String?

  public init(allowed: Bool, blockedBy: String? = nil, reason: String? = nil) {
    self.allowed = allowed
    self.blockedBy = blockedBy
    self.reason = reason
  }

  enum CodingKeys: String, CodingKey {
    case allowed, reason
    case blockedBy = "blocked_by"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    allowed = (try? c.decodeIfPresent(Bool.self, forKey: .allowed)) ?? true
    blockedBy = (try? c.decodeIfPresent(String.self, forKey: .blockedBy)) ?? nil
    reason = (try? c.decodeIfPresent(String.self, forKey: .reason)) ?? nil
  }
}
