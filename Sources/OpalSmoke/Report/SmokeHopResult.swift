/// One model of a chain called alone (`--each-hop`): does this fallback answer today?
public struct SmokeHopResult: Codable, Hashable, Sendable {
  /// 0 for the chain's first model.
  public var position: Int
  public var model: String
  public var verdict: SmokeVerdict
  /// Why the hop is not `pass`, e.g. `fallback gcp/claude-sonnet-4 does not answer: HTTP 503 ...`.
  public var reason: String?
  public var latencyMs: Int?
  public var costUSD: Double?

  public init(
    position: Int, model: String, verdict: SmokeVerdict, reason: String? = nil,
    latencyMs: Int? = nil, costUSD: Double? = nil
  ) {
    self.position = position
    self.model = model
    self.verdict = verdict
    self.reason = reason
    self.latencyMs = latencyMs
    self.costUSD = costUSD
  }

  /// `first model` or `fallback N`, as the hop is named in reasons and reports.
  public var role: String { position == 0 ? "first model" : "fallback" }

  enum CodingKeys: String, CodingKey {
    case position, model, verdict, reason
    case latencyMs = "latency_ms"
    case costUSD = "cost_usd"
  }
}
