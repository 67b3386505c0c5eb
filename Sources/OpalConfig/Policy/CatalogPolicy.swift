import OpalCore

/// One set of catalog rules from the config's `policy:` (SPEC §14), checked against the catalog
/// for every chain whose name matches `names` (all chains when nil), each finding reported with
/// `severity`:
///
/// ```yaml
/// policy:                       # one rule set, or a list of them
///   - names: "prod/*"           # optional glob or list of globs over alias and route names
///     severity: error           # error (default) or warning
///     min_providers: 2          # distinct providers per chain
///     regions: [eu]             # every hop's region in this list
///     countries: [DE, FR, SE]   # every hop's country in this list
///     max_price_per_mtok: {input: 5, output: 20}   # USD per million tokens, per hop
///     require_capabilities: [tools]                # every hop has these
///     no_retired: true          # no hop on a retired model, whatever the plan changes
/// ```
public struct CatalogPolicy: Hashable, Sendable {
  /// A price ceiling per hop, in USD per million tokens.
  public struct PriceCeiling: Hashable, Sendable {
    public var input: Double?
    public var output: Double?
    public init(input: Double? = nil, output: Double? = nil) {
      self.input = input
      self.output = output
    }
  }

  public var severity: Diagnostic.Severity
  /// The chains the rules apply to; nil: all.
  public var names: GlobSet?
  public var minProviders: Int?
  public var regions: [String]?
  public var countries: [String]?
  public var maxPricePerMtok: PriceCeiling?
  public var requireCapabilities: [String]?
  public var noRetired: Bool
  /// Where the rule set was written, and its key path (`policy` or `policy[1]`).
  public var location: SourceLocation?
  public var keyPath: ConfigKeyPath

  public init(
    severity: Diagnostic.Severity = .error, names: GlobSet? = nil, minProviders: Int? = nil,
    regions: [String]? = nil, countries: [String]? = nil, maxPricePerMtok: PriceCeiling? = nil,
    requireCapabilities: [String]? = nil, noRetired: Bool = false, location: SourceLocation? = nil,
    keyPath: ConfigKeyPath = "policy"
  ) {
    self.severity = severity
    self.names = names
    self.minProviders = minProviders
    self.regions = regions
    self.countries = countries
    self.maxPricePerMtok = maxPricePerMtok
    self.requireCapabilities = requireCapabilities
    self.noRetired = noRetired
    self.location = location
    self.keyPath = keyPath
  }

  /// True when the rules apply to the chain called `name`.
  public func applies(to name: String) -> Bool {
    names?.matches(name) ?? true
  }
}
