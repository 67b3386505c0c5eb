/// A model alias as the API returns it: a name resolving to an ordered fallback chain.
public struct Alias: Codable, Hashable, Sendable {
  public var id: String
  public var name: String
  public var fallbackModels: [String]
  public var description: String?

  public init(id: String, name: String, fallbackModels: [String], description: String? = nil) {
    self.id = id
    self.name = name
    self.fallbackModels = fallbackModels
    self.description = description
  }

  enum CodingKeys: String, CodingKey {
    case id, name, description
    case fallbackModels = "fallback_models"
  }
}

/// Body of `POST /models/aliases`.
public struct AliasCreate: Codable, Hashable, Sendable {
  public var name: String
  public var fallbackModels: [String]
  public var description: String?

  public init(name: String, fallbackModels: [String], description: String? = nil) {
    self.name = name
    self.fallbackModels = fallbackModels
    self.description = description
  }

  enum CodingKeys: String, CodingKey {
    case name, description
    case fallbackModels = "fallback_models"
  }
}

/// Body of `PATCH /models/aliases/{id}`: only the fields that change are sent.
///
/// `description` is a double optional: `nil` leaves it alone, `.some(nil)` clears it
/// (sent as JSON `null`), `.some("x")` sets it.
public struct AliasUpdate: Codable, Hashable, Sendable {
  public var name: String?
  public var fallbackModels: [String]?
  public var description: String??

  public init(name: String? = nil, fallbackModels: [String]? = nil, description: String?? = nil) {
    self.name = name
    self.fallbackModels = fallbackModels
    self.description = description
  }

  /// True when nothing would change.
  public var isEmpty: Bool { name == nil && fallbackModels == nil && description == nil }

  enum CodingKeys: String, CodingKey {
    case name, description
    case fallbackModels = "fallback_models"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    fallbackModels = try c.decodeIfPresent([String].self, forKey: .fallbackModels)
    if c.contains(.description) {
      description = .some(try c.decodeIfPresent(String.self, forKey: .description))
    } else {
      description = nil
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(name, forKey: .name)
    try c.encodeIfPresent(fallbackModels, forKey: .fallbackModels)
    if let description {
      if let value = description {
        try c.encode(value, forKey: .description)
      } else {
        try c.encodeNil(forKey: .description)
      }
    }
  }
}
