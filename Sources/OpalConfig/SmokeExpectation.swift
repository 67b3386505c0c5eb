import OpalCore

/// What a smoke call's answer must satisfy (SPEC §7). `contains`, the usual check, is held
/// inline; the others out of line, so an expectation is small and cheap to copy.
public struct SmokeExpectation: Hashable, Sendable {
  /// Which model must serve the call.
  public enum ServedBy: Hashable, Sendable {
    /// The chain's first model (no fallback happened).
    case first
    /// Any model of the chain.
    case any
    /// This exact model.
    case model(String)
  }

  public var contains: [String]?
  /// Every check but `contains`; nil when all of them are unset (so equal expectations hold
  /// equal storage).
  private var rare: OutOfLine<Rare>?

  /// The checks most expectations leave unset.
  struct Rare: Hashable, Sendable {
    var notContains: [String]?
    var matches: [String]?
    var jsonSchema: JSONValue?
    var maxLatencyMs: Int?
    var servedBy: ServedBy?
    var maxCostUSD: Double?

    var isEmpty: Bool {
      notContains == nil && matches == nil && jsonSchema == nil && maxLatencyMs == nil
        && servedBy == nil && maxCostUSD == nil
    }
  }

  public var notContains: [String]? {
    get { rare?.value.notContains }
    set { update { $0.notContains = newValue } }
  }
  /// Regular expressions the answer text must match.
  public var matches: [String]? {
    get { rare?.value.matches }
    set { update { $0.matches = newValue } }
  }
  public var jsonSchema: JSONValue? {
    get { rare?.value.jsonSchema }
    set { update { $0.jsonSchema = newValue } }
  }
  public var maxLatencyMs: Int? {
    get { rare?.value.maxLatencyMs }
    set { update { $0.maxLatencyMs = newValue } }
  }
  public var servedBy: ServedBy? {
    get { rare?.value.servedBy }
    set { update { $0.servedBy = newValue } }
  }
  public var maxCostUSD: Double? {
    get { rare?.value.maxCostUSD }
    set { update { $0.maxCostUSD = newValue } }
  }

  public init(
    contains: [String]? = nil, notContains: [String]? = nil, matches: [String]? = nil,
    jsonSchema: JSONValue? = nil, maxLatencyMs: Int? = nil, servedBy: ServedBy? = nil,
    maxCostUSD: Double? = nil
  ) {
    self.contains = contains
    let rare = Rare(
      notContains: notContains, matches: matches, jsonSchema: jsonSchema,
      maxLatencyMs: maxLatencyMs, servedBy: servedBy, maxCostUSD: maxCostUSD)
    self.rare = rare.isEmpty ? nil : OutOfLine(rare)
  }

  private mutating func update(_ change: (inout Rare) -> Void) {
    var value = rare?.value ?? Rare()
    change(&value)
    rare = value.isEmpty ? nil : OutOfLine(value)
  }

  /// Field by field: the case's own value wins over the default's.
  public func merged(over d: SmokeExpectation) -> SmokeExpectation {
    var out = self
    out.contains = contains ?? d.contains
    guard rare != nil || d.rare != nil else { return out }
    let mine = rare?.value ?? Rare()
    let theirs = d.rare?.value ?? Rare()
    let merged = Rare(
      notContains: mine.notContains ?? theirs.notContains, matches: mine.matches ?? theirs.matches,
      jsonSchema: mine.jsonSchema ?? theirs.jsonSchema,
      maxLatencyMs: mine.maxLatencyMs ?? theirs.maxLatencyMs,
      servedBy: mine.servedBy ?? theirs.servedBy, maxCostUSD: mine.maxCostUSD ?? theirs.maxCostUSD)
    out.rare = merged.isEmpty ? nil : OutOfLine(merged)
    return out
  }
}
