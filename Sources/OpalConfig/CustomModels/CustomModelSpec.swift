import OpalCore

/// One declared custom model (SPEC §15): the whole truth for that name. `identifier` and
/// `extra` are diffed; the key is write-only on the server, so only its reference is held here.
public struct CustomModelSpec: Hashable, Sendable {
  public var name: String
  /// The provider's model identifier (`identifier` in the API).
  public var identifier: String
  /// Provider options (`extra` in the API); empty when left out.
  public var extra: [String: JSONValue]
  /// Where the key comes from; nil when the model is registered without one.
  public var apiKey: KeyReference?
  /// Where the model's name was declared.
  public var location: SourceLocation?
  /// Where `api_key` was written (the place a key that cannot be read is reported).
  public var apiKeyLocation: SourceLocation?

  public init(
    name: String, identifier: String, extra: [String: JSONValue] = [:], apiKey: KeyReference? = nil,
    location: SourceLocation? = nil, apiKeyLocation: SourceLocation? = nil
  ) {
    self.name = name
    self.identifier = identifier
    self.extra = extra
    self.apiKey = apiKey
    self.location = location
    self.apiKeyLocation = apiKeyLocation
  }

  /// `custom_models.<name>`.
  public var keyPath: ConfigKeyPath { ConfigKeyPath.root.child("custom_models").child(name) }
}
