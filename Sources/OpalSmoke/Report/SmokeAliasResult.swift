/// Everything smoke learned about one alias: its chain, each case, and each hop when asked.
public struct SmokeAliasResult: Codable, Hashable, Sendable {
  public var alias: String
  /// The chain as the config declares it, in order.
  public var chain: [String]
  public var cases: [SmokeCaseResult]
  /// One per chain model with `--each-hop`, else empty.
  public var hops: [SmokeHopResult]

  public init(alias: String, chain: [String], cases: [SmokeCaseResult] = [], hops: [SmokeHopResult] = []) {
    self.alias = alias
    self.chain = chain
    self.cases = cases
    self.hops = hops
  }

  /// The worst verdict of its cases and hops: error > fail > skipped > pass.
  public var verdict: SmokeVerdict {
    let all = cases.map(\.verdict) + hops.map(\.verdict)
    if all.contains(.error) { return .error }
    if all.contains(.fail) { return .fail }
    if all.contains(.skipped) { return .skipped }
    return .pass
  }

  enum CodingKeys: String, CodingKey { case alias, chain, cases, hops, verdict }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    alias = try c.decode(String.self, forKey: .alias)
    chain = try c.decode([String].self, forKey: .chain)
    cases = try c.decode([SmokeCaseResult].self, forKey: .cases)
    hops = try c.decodeIfPresent([SmokeHopResult].self, forKey: .hops) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(alias, forKey: .alias)
    try c.encode(chain, forKey: .chain)
    try c.encode(verdict, forKey: .verdict)
    try c.encode(cases, forKey: .cases)
    try c.encode(hops, forKey: .hops)
  }
}
