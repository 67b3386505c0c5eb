import Foundation

/// One row of the v3 model catalog (`GET /v3/models`, `ModelInfo` in Opper's OpenAPI and SDKs):
/// what a model costs, can do, where it runs and whether it is retired.
///
/// Decoding is tolerant (shared/opper-routes-api.md §5 marks much of this unverified): only `id`
/// is required; every other field has a neutral default, `pricing.input`/`output` may be a
/// number or a tiered list, and `retired_at` may be a date-time or a plain date. Encoding writes
/// exactly the fields of the Python SDK's `ModelInfo` dataclass (which `opperai` 2.x builds with
/// `ModelInfo(**row)`, so an unknown key would break it) plus `policy` only when it is set.
public struct CatalogModel: Codable, Hashable, Sendable {
  /// The pinnable `provider/model` name a chain hop uses.
  public var id: String
  public var name: String
  public var type: String
  public var provider: String
  public var providerDisplayName: String
  public var modelId: String
  public var description: String
  /// For example `tools`, `vision`, `json`, `pdf`, `reasoning`, `streaming`.
  public var capabilities: [String]
  public var speed: String
  public var quality: String
  public var cost: Double
  /// Tokens; 0 when unknown.
  public var contextWindow: Int
  public var pricing: CatalogPricing?
  public var region: String
  public var country: String
  public var apiType: String
  /// When the model was or will be retired, as the server wrote it (RFC 3339 or a date).
  public var retiredAt: String?
  /// The model to move to once this one retires.
  public var successor: String?
  /// Other names the row answers to (optional in the API).
  public var aliases: [String]
  /// The organization's policy for this model (`include=policy`).
  public var policy: ModelPolicy?

  public init(
    id: String, name: String? = nil, type: String = "llm", provider: String? = nil,
    providerDisplayName: String? = nil, modelId: String? = nil, description: String = "",
    capabilities: [String] = [], speed: String = "medium", quality: String = "medium",
    cost: Double = 0, contextWindow: Int = 0, pricing: CatalogPricing? = nil,
    region: String = "", country: String = "", apiType: String = "",
    retiredAt: String? = nil, successor: String? = nil, aliases: [String] = [],
    policy: ModelPolicy? = nil
  ) {
    let slash = id.firstIndex(of: "/")
    self.id = id
    self.name = name ?? id
    self.type = type
    self.provider = provider ?? slash.map { String(id[..<$0]) } ?? ""
    self.providerDisplayName = providerDisplayName ?? self.provider
    self.modelId = modelId ?? slash.map { String(id[id.index(after: $0)...]) } ?? id
    self.description = description
    self.capabilities = capabilities
    self.speed = speed
    self.quality = quality
    self.cost = cost
    self.contextWindow = contextWindow
    self.pricing = pricing
    self.region = region
    self.country = country
    self.apiType = apiType
    self.retiredAt = retiredAt
    self.successor = successor
    self.aliases = aliases
    self.policy = policy
  }

  enum CodingKeys: String, CodingKey {
    case id, name, type, provider, description, capabilities, speed, quality, cost, pricing
    case region, country, successor, aliases, policy, params
    case providerDisplayName = "provider_display_name"
    case modelId = "model_id"
    case contextWindow = "context_window"
    case apiType = "api_type"
    case retiredAt = "retired_at"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let id = try c.decode(String.self, forKey: .id)
    func text(_ key: CodingKeys) -> String? { (try? c.decodeIfPresent(String.self, forKey: key)) ?? nil }
    self.init(
      id: id, name: text(.name), type: text(.type) ?? "llm", provider: text(.provider),
      providerDisplayName: text(.providerDisplayName), modelId: text(.modelId),
      description: text(.description) ?? "",
      capabilities: (try? c.decodeIfPresent([String].self, forKey: .capabilities)) ?? [],
      speed: text(.speed) ?? "", quality: text(.quality) ?? "",
      cost: (try? c.decodeIfPresent(Double.self, forKey: .cost)) ?? 0,
      contextWindow: (try? c.decodeIfPresent(Int.self, forKey: .contextWindow)) ?? 0,
      pricing: (try? c.decodeIfPresent(CatalogPricing.self, forKey: .pricing)) ?? nil,
      region: text(.region) ?? "", country: text(.country) ?? "", apiType: text(.apiType) ?? "",
      retiredAt: text(.retiredAt), successor: text(.successor).flatMap { $0.isEmpty ? nil : $0 },
      aliases: (try? c.decodeIfPresent([String].self, forKey: .aliases)) ?? [],
      policy: (try? c.decodeIfPresent(ModelPolicy.self, forKey: .policy)) ?? nil)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(name, forKey: .name)
    try c.encode(type, forKey: .type)
    try c.encode(provider, forKey: .provider)
    try c.encode(providerDisplayName, forKey: .providerDisplayName)
    try c.encode(modelId, forKey: .modelId)
    try c.encode(description, forKey: .description)
    try c.encode(capabilities, forKey: .capabilities)
    try c.encode(speed, forKey: .speed)
    try c.encode(quality, forKey: .quality)
    try c.encode(cost, forKey: .cost)
    try c.encode(contextWindow, forKey: .contextWindow)
    try c.encode([String: Int](), forKey: .params)
    try c.encode(pricing ?? CatalogPricing(), forKey: .pricing)
    try c.encode(region, forKey: .region)
    try c.encode(country, forKey: .country)
    try c.encode(apiType, forKey: .apiType)
    try c.encode(retiredAt, forKey: .retiredAt)
    try c.encode(successor, forKey: .successor)
    if let policy { try c.encode(policy, forKey: .policy) }
  }

  /// `retiredAt` as a date (RFC 3339 with or without fractional seconds, or `YYYY-MM-DD`).
  public var retirementDate: Date? {
    retiredAt.flatMap(CatalogDate.parse)
  }

  /// Every name this row answers to: its id, its `name` when that is a pinnable path, its aliases.
  public var names: [String] {
    var all = [id]
    if name != id, name.contains("/") { all.append(name) }
    return all + aliases
  }
}
