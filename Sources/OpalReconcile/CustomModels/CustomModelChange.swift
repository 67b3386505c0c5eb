import OpalConfig
import OpalCore

/// One change to one custom model: created (with its key), updated (`identifier`/`extra`, and
/// the key when rotated), its key rotated alone, or deleted. The key's value is never part of a
/// change: only its reference (`{env: NAME}` / `{file: PATH}`), which is what a plan file records.
public struct CustomModelChange: Hashable, Sendable, Codable {
  public enum Action: String, Hashable, Sendable, Codable {
    case create, update, delete
    case rotateKey = "rotate_key"

    public var symbol: String {
      switch self {
      case .create: "+"
      case .update, .rotateKey: "~"
      case .delete: "-"
      }
    }
  }

  public var action: Action
  public var name: String
  /// The remote id (update, rotate, delete).
  public var id: String?
  public var before: CustomModelContent?
  public var after: CustomModelContent?
  /// Where the key sent comes from; set exactly when this change sends a key.
  public var key: KeyReference?
  /// Where `api_key` was written, for a key that cannot be read (not in the plan file).
  public var keyLocation: SourceLocation?
  public var notes: [String]

  public init(
    action: Action, name: String, id: String? = nil, before: CustomModelContent? = nil,
    after: CustomModelContent? = nil, key: KeyReference? = nil, keyLocation: SourceLocation? = nil,
    notes: [String] = []
  ) {
    self.action = action
    self.name = name
    self.id = id
    self.before = before
    self.after = after
    self.key = key
    self.keyLocation = keyLocation
    self.notes = notes
  }

  /// True when applying this change sends the model's key.
  public var sendsKey: Bool { key != nil }

  /// The spec the key resolver reads this change's key from.
  public var keySource: CustomModelSpec {
    CustomModelSpec(
      name: name, identifier: after?.identifier ?? "", apiKey: key, apiKeyLocation: keyLocation)
  }

  enum CodingKeys: String, CodingKey {
    case action, name, id, before, after, notes
    case key = "key_from"
    case sendsKey = "sends_key"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    action = try c.decode(Action.self, forKey: .action)
    name = try c.decode(String.self, forKey: .name)
    id = try c.decodeIfPresent(String.self, forKey: .id)
    before = try c.decodeIfPresent(CustomModelContent.self, forKey: .before)
    after = try c.decodeIfPresent(CustomModelContent.self, forKey: .after)
    key = try c.decodeIfPresent(KeyReference.self, forKey: .key)
    notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(action, forKey: .action)
    try c.encode(name, forKey: .name)
    try c.encode(id, forKey: .id)
    try c.encode(before, forKey: .before)
    try c.encode(after, forKey: .after)
    try c.encode(sendsKey, forKey: .sendsKey)
    try c.encode(key, forKey: .key)
    try c.encode(notes, forKey: .notes)
  }
}
