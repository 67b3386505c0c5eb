import OpalCore

/// An entry of the language-model catalog (`GET /models`).
public struct LanguageModel: Codable, Hashable, Sendable {
  public var hostingProvider: String
  public var name: String
  public var location: String
  public var inputCostPerToken: Double?
  public var outputCostPerToken: Double?

  public init(
    hostingProvider: String, name: String, location: String,
    inputCostPerToken: Double? = nil, outputCostPerToken: Double? = nil
  ) {
    self.hostingProvider = hostingProvider
    self.name = name
    self.location = location
    self.inputCostPerToken = inputCostPerToken
    self.outputCostPerToken = outputCostPerToken
  }

  enum CodingKeys: String, CodingKey {
    case name, location
    case hostingProvider = "hosting_provider"
    case inputCostPerToken = "input_cost_per_token"
    case outputCostPerToken = "output_cost_per_token"
  }
}

/// A custom model registered by the organization; `api_key` is write-only and never returned.
public struct CustomModel: Codable, Hashable, Sendable {
  public var id: String
  public var name: String
  public var identifier: String
  public var extra: [String: JSONValue]

  public init(id: String, name: String, identifier: String, extra: [String: JSONValue] = [:]) {
    self.id = id
    self.name = name
    self.identifier = identifier
    self.extra = extra
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decode(String.self, forKey: .name)
    identifier = try c.decode(String.self, forKey: .identifier)
    extra = try c.decodeIfPresent([String: JSONValue].self, forKey: .extra) ?? [:]
  }
}

/// Body of `POST /models/custom`.
public struct CustomModelCreate: Codable, Hashable, Sendable {
  public var name: String
  public var identifier: String
  public var extra: [String: JSONValue]?
  public var apiKey: String?

  public init(
    name: String, identifier: String, extra: [String: JSONValue]? = nil, apiKey: String? = nil
  ) {
    self.name = name
    self.identifier = identifier
    self.extra = extra
    self.apiKey = apiKey
  }

  enum CodingKeys: String, CodingKey {
    case name, identifier, extra
    case apiKey = "api_key"
  }
}

/// Body of `PATCH /models/custom/{id}`: any of the fields.
public struct CustomModelUpdate: Codable, Hashable, Sendable {
  public var name: String?
  public var identifier: String?
  public var extra: [String: JSONValue]?
  public var apiKey: String?

  public init(
    name: String? = nil, identifier: String? = nil, extra: [String: JSONValue]? = nil,
    apiKey: String? = nil
  ) {
    self.name = name
    self.identifier = identifier
    self.extra = extra
    self.apiKey = apiKey
  }

  enum CodingKeys: String, CodingKey {
    case name, identifier, extra
    case apiKey = "api_key"
  }
}

/// One page of a list endpoint: `{"meta": {"total_count": N}, "data": [...]}`.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
  /// Paging metadata.
  public struct Meta: Codable, Hashable, Sendable {
    public var totalCount: Int
    public init(totalCount: Int) { self.totalCount = totalCount }
    enum CodingKeys: String, CodingKey { case totalCount = "total_count" }
  }

  public var meta: Meta
  public var data: [Item]

  public init(totalCount: Int, data: [Item]) {
    self.meta = Meta(totalCount: totalCount)
    self.data = data
  }
}

/// The API's error body: `{"type", "message", "detail"}`.
public struct APIErrorBody: Codable, Hashable, Sendable {
  public var type: String
  public var message: String
  public var detail: JSONValue?

  public init(type: String, message: String, detail: JSONValue? = nil) {
    self.type = type
    self.message = message
    self.detail = detail
  }
}
