/// The result of a smoke run: per alias its chain, cases and hops, the run's own errors, totals
/// and the budget. Encodes as the versioned JSON of `docs/smoke.md` (`format_version: 1`).
public struct SmokeReport: Codable, Hashable, Sendable {
  /// Counts over every case and hop of the run.
  public struct Totals: Codable, Hashable, Sendable {
    public var aliases: Int
    public var cases: Int
    public var hops: Int
    public var passed: Int
    public var failed: Int
    public var errors: Int
    public var skipped: Int
    /// Sum of `cost.total` over every call made, in USD.
    public var costUSD: Double
    /// Wall time of the whole run.
    public var durationMs: Int

    public init(
      aliases: Int = 0, cases: Int = 0, hops: Int = 0, passed: Int = 0, failed: Int = 0,
      errors: Int = 0, skipped: Int = 0, costUSD: Double = 0, durationMs: Int = 0
    ) {
      self.aliases = aliases
      self.cases = cases
      self.hops = hops
      self.passed = passed
      self.failed = failed
      self.errors = errors
      self.skipped = skipped
      self.costUSD = costUSD
      self.durationMs = durationMs
    }

    enum CodingKeys: String, CodingKey {
      case aliases, cases, hops, passed, failed, errors, skipped
      case costUSD = "cost_usd"
      case durationMs = "duration_ms"
    }
  }

  /// The `--budget-usd` cap and what was spent against it.
  public struct Budget: Codable, Hashable, Sendable {
    public var limitUSD: Double
    public var spentUSD: Double
    /// True once no further call fitted in the limit; calls not yet started were then skipped.
    public var exhausted: Bool
    /// Calls not made because of the budget.
    public var skipped: Int

    public init(limitUSD: Double, spentUSD: Double, exhausted: Bool, skipped: Int = 0) {
      self.limitUSD = limitUSD
      self.spentUSD = spentUSD
      self.exhausted = exhausted
      self.skipped = skipped
    }

    enum CodingKeys: String, CodingKey {
      case exhausted, skipped
      case limitUSD = "limit_usd"
      case spentUSD = "spent_usd"
    }
  }

  /// The version of this JSON shape; bumped on any incompatible change.
  public static let currentFormatVersion = 1

  public var formatVersion: Int
  public var aliases: [SmokeAliasResult]
  /// Problems of the run itself (the API could not be reached, no alias matched `--alias`).
  public var errors: [String]
  public var totals: Totals
  public var budget: Budget?

  public init(
    aliases: [SmokeAliasResult], errors: [String] = [], budget: Budget? = nil, durationMs: Int = 0
  ) {
    self.formatVersion = Self.currentFormatVersion
    self.aliases = aliases
    self.errors = errors
    self.budget = budget
    self.totals = Self.count(aliases, durationMs: durationMs)
  }

  /// True when every case and hop passed and the run had no error of its own: exit code 0.
  /// A case skipped for the budget proves nothing, so it does not pass.
  public var passed: Bool {
    errors.isEmpty && totals.failed == 0 && totals.errors == 0 && totals.skipped == 0
      && totals.cases + totals.hops > 0
  }

  /// The exit code of `opal smoke`: 0 when everything passed, 1 otherwise.
  public var exitCode: Int32 { passed ? 0 : 1 }

  static func count(_ aliases: [SmokeAliasResult], durationMs: Int) -> Totals {
    var t = Totals(aliases: aliases.count, durationMs: durationMs)
    let verdicts = aliases.flatMap { $0.cases.map(\.verdict) + $0.hops.map(\.verdict) }
    t.cases = aliases.reduce(0) { $0 + $1.cases.count }
    t.hops = aliases.reduce(0) { $0 + $1.hops.count }
    t.passed = verdicts.filter { $0 == .pass }.count
    t.failed = verdicts.filter { $0 == .fail }.count
    t.errors = verdicts.filter { $0 == .error }.count
    t.skipped = verdicts.filter { $0 == .skipped }.count
    let costs = aliases.flatMap { $0.cases.compactMap(\.costUSD) + $0.hops.compactMap(\.costUSD) }
    t.costUSD = costs.reduce(0, +)
    return t
  }

  enum CodingKeys: String, CodingKey {
    case aliases, errors, totals, budget, passed
    case formatVersion = "format_version"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    formatVersion = try c.decode(Int.self, forKey: .formatVersion)
    aliases = try c.decode([SmokeAliasResult].self, forKey: .aliases)
    errors = try c.decodeIfPresent([String].self, forKey: .errors) ?? []
    totals = try c.decode(Totals.self, forKey: .totals)
    budget = try c.decodeIfPresent(Budget.self, forKey: .budget)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(formatVersion, forKey: .formatVersion)
    try c.encode(passed, forKey: .passed)
    try c.encode(totals, forKey: .totals)
    try c.encodeIfPresent(budget, forKey: .budget)
    try c.encode(errors, forKey: .errors)
    try c.encode(aliases, forKey: .aliases)
  }
}
