import OpalConfig
import OpperAPI

/// What an alias holds, as far as a plan cares: its description and its ordered chain.
///
/// An empty description is the same as none (`""` and `null` compare equal and are sent as
/// `null`), so a console that stores one for the other never shows up as drift.
public struct AliasContent: Hashable, Sendable {
  public var description: String?
  public var models: [String]

  public init(description: String?, models: [String]) {
    self.description = Self.normalized(description)
    self.models = models
  }

  /// A description as content holds it: empty is none.
  static func normalized(_ description: String?) -> String? {
    (description?.isEmpty ?? true) ? nil : description
  }

  /// The content a declared alias asks for.
  public init(_ spec: AliasSpec) {
    self.init(description: spec.description, models: spec.models)
  }

  /// The content a remote alias holds.
  public init(_ alias: Alias) {
    self.init(description: alias.description, models: alias.fallbackModels)
  }
}

extension AliasContent: Codable {
  enum CodingKeys: String, CodingKey {
    case description, models
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      description: try c.decodeIfPresent(String.self, forKey: .description),
      models: try c.decode([String].self, forKey: .models))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    // Always present: `null` says "no description", which is information.
    try c.encode(description, forKey: .description)
    try c.encode(models, forKey: .models)
  }
}
