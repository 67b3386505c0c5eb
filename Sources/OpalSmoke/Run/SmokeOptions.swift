import OpalCore

/// How a smoke run behaves: which aliases, how many calls at once, how long each may take,
/// how much it may spend, and whether every hop of each chain is also called alone.
public struct SmokeOptions: Hashable, Sendable {
  /// Only aliases matching these names/globs (`--alias`); nil means every declared alias.
  public var aliasFilter: GlobSet?
  /// Calls in flight at once (`--parallelism`), at least 1.
  public var parallelism: Int
  /// How long one call (and separately its span and trace reads) may take.
  public var perCallTimeout: Duration
  /// Stop starting calls once the summed `cost.total` reaches this (`--budget-usd`).
  public var budgetUSD: Double?
  /// Also call each model of every chain alone (`--each-hop`).
  public var eachHop: Bool

  public init(
    aliasFilter: GlobSet? = nil, parallelism: Int = 8, perCallTimeout: Duration = .seconds(60),
    budgetUSD: Double? = nil, eachHop: Bool = false
  ) {
    self.aliasFilter = aliasFilter
    self.parallelism = max(1, parallelism)
    self.perCallTimeout = perCallTimeout
    self.budgetUSD = budgetUSD
    self.eachHop = eachHop
  }
}
