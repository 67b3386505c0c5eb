/// What `apply --verify` found and did, per change (SPEC §15): verified, rolled back (and why),
/// or could not be rolled back (and why). Part of the apply report (`verification` in JSON).
public struct VerificationReport: Hashable, Sendable, Codable {
  /// What became of one change.
  public enum Status: String, Hashable, Sendable, Codable {
    /// Smoked after the change and it answered; nothing was rolled back.
    case verified
    /// Not smoked (a delete, or a change that did not happen) and nothing was rolled back.
    case notVerified = "not_verified"
    /// Put back as the snapshot recorded it.
    case rolledBack = "rolled_back"
    /// The rollback of this change failed or was not possible: it is as the apply left it.
    case notRolledBack = "not_rolled_back"
  }

  /// One change of the apply.
  public struct Entry: Hashable, Sendable, Codable {
    public var target: VerifyTarget
    /// The change as shown in the report (`+ sonnet4`, `~ route support`).
    public var action: String
    /// The smoke's verdict on it, when it was smoked.
    public var check: VerifyVerdict.Outcome?
    public var checkMessage: String?
    public var status: Status
    /// Why it was rolled back, or why it could not be.
    public var message: String?

    public init(
      target: VerifyTarget, action: String, check: VerifyVerdict.Outcome? = nil, checkMessage: String? = nil,
      status: Status, message: String? = nil
    ) {
      self.target = target
      self.action = action
      self.check = check
      self.checkMessage = checkMessage
      self.status = status
      self.message = message
    }

    enum CodingKeys: String, CodingKey {
      case target, action, check, status, message
      case checkMessage = "check_message"
    }
  }

  public var entries: [Entry]
  /// True when the apply was rolled back (a check or a change failed).
  public var rolledBack: Bool
  /// Why it was rolled back.
  public var reason: String?

  public init(entries: [Entry], rolledBack: Bool, reason: String? = nil) {
    self.entries = entries
    self.rolledBack = rolledBack
    self.reason = reason
  }

  /// True when every change was verified (or needed no check) and nothing was rolled back.
  public var passed: Bool {
    !rolledBack && entries.allSatisfy { $0.status == .verified || $0.status == .notVerified }
  }

  enum CodingKeys: String, CodingKey {
    case entries, reason
    case rolledBack = "rolled_back"
  }
}
