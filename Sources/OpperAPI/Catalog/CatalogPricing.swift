/// What a catalog model costs, in USD per million tokens (`pricing` of `ModelInfo`).
///
/// The API documents `input` and `output` as tiered lists of numbers without units
/// (shared/opper-routes-api.md §5, unverified); opal reads the first tier, accepts a bare
/// number too, and takes a value below 0.001 to be USD per token (the v2 catalog's unit), which
/// it converts. The emulator writes `{"input": [3.0], "output": [15.0]}`, USD per million.
public struct CatalogPricing: Codable, Hashable, Sendable {
  /// USD per million input tokens, when known.
  public var inputPerMillion: Double?
  /// USD per million output tokens, when known.
  public var outputPerMillion: Double?

  public init(inputPerMillion: Double? = nil, outputPerMillion: Double? = nil) {
    self.inputPerMillion = inputPerMillion
    self.outputPerMillion = outputPerMillion
  }

  enum CodingKeys: String, CodingKey { case input, output }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    inputPerMillion = Self.firstTier(c, .input)
    outputPerMillion = Self.firstTier(c, .output)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(inputPerMillion.map { [$0] } ?? [], forKey: .input)
    try c.encode(outputPerMillion.map { [$0] } ?? [], forKey: .output)
  }

  private static func firstTier(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) -> Double? {
    let raw: Double?
    if let list = try? c.decodeIfPresent([Double].self, forKey: key) {
      raw = list.first
    } else {
      raw = (try? c.decodeIfPresent(Double.self, forKey: key)) ?? nil
    }
    guard let raw, raw.isFinite, raw >= 0 else { return nil }
    return raw > 0 && raw < 0.001 ? raw * 1_000_000 : raw
  }
}
