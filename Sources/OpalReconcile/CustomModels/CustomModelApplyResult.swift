/// What became of one custom-model change in an apply.
public struct CustomModelApplyResult: Hashable, Sendable, Codable {
  public var name: String
  public var action: CustomModelChange.Action
  public var outcome: ChangeOutcome
  /// True when the key was sent (create, rotation) and the server took it.
  public var keySent: Bool

  public init(name: String, action: CustomModelChange.Action, outcome: ChangeOutcome, keySent: Bool = false) {
    self.name = name
    self.action = action
    self.outcome = outcome
    self.keySent = keySent
  }

  public var isSuccess: Bool { outcome.isSuccess }

  enum CodingKeys: String, CodingKey {
    case name, action, outcome
    case keySent = "key_sent"
  }
}
