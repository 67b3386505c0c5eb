import Foundation
import OpalConfig
import OpalCore
import OpperAPI

/// Checks the config's `policy:` rule sets (SPEC §14) against the catalog, for every chain whose
/// name a rule set covers, each finding with the rule set's severity: `min_providers` at the
/// chain's line; `regions`, `countries`, `max_price_per_mtok`, `require_capabilities` and
/// `no_retired` at the offending hop's line. A hop the catalog does not know (a custom model) is
/// judged only by `min_providers` (its provider is its name's prefix); the other rules skip it.
public struct PolicyChecker: Sendable {
  public var policies: [CatalogPolicy]
  public var catalog: ModelCatalog
  public var now: Date

  public init(policies: [CatalogPolicy], catalog: ModelCatalog, now: Date = Date()) {
    self.policies = policies
    self.catalog = catalog
    self.now = now
  }

  public func check(_ chains: [CatalogChain], into diagnostics: some DiagnosticCollector) {
    for policy in policies {
      for chain in chains where policy.applies(to: chain.name) {
        check(chain, against: policy, into: diagnostics)
      }
    }
  }

  private func check(
    _ chain: CatalogChain, against policy: CatalogPolicy, into diagnostics: some DiagnosticCollector
  ) {
    let rule = "(policy at \(policy.keyPath))"
    func emit(_ message: String, at location: SourceLocation?, _ keyPath: ConfigKeyPath, hint: String? = nil)
    {
      diagnostics.emit(
        Diagnostic(policy.severity, message + " " + rule, at: location, keyPath: keyPath, hint: hint))
    }
    if let min = policy.minProviders {
      let providers = Set(chain.hops.map { catalog.provider(of: $0.model) })
      if providers.count < min {
        emit(
          "\(chain.kind) \(chain.name) spans \(providers.count) provider\(providers.count == 1 ? "" : "s") "
            + "(\(providers.sorted().joined(separator: ", "))); the policy asks for at least \(min)",
          at: chain.location, chain.keyPath,
          hint: "add a fallback hosted by another provider, so one provider's outage does not take it down")
      }
    }
    for hop in chain.hops {
      guard let row = catalog.row(hop.model) else { continue }
      if let regions = policy.regions, !regions.contains(row.region) {
        emit(
          "\(hop.model) runs in region '\(row.region)', outside the allowed \(regions.joined(separator: ", "))",
          at: hop.location, hop.keyPath)
      }
      if let countries = policy.countries, !countries.contains(row.country) {
        emit(
          "\(hop.model) runs in country '\(row.country)', outside the allowed \(countries.joined(separator: ", "))",
          at: hop.location, hop.keyPath)
      }
      if let ceiling = policy.maxPricePerMtok {
        let price = row.pricing
        if let max = ceiling.input, let input = price?.inputPerMillion, input > max {
          emit(
            "\(hop.model) costs \(ChainPricing.HopPrice.dollars(input)) per million input tokens, over the "
              + "policy's \(ChainPricing.HopPrice.dollars(max))", at: hop.location, hop.keyPath)
        }
        if let max = ceiling.output, let output = price?.outputPerMillion, output > max {
          emit(
            "\(hop.model) costs \(ChainPricing.HopPrice.dollars(output)) per million output tokens, over the "
              + "policy's \(ChainPricing.HopPrice.dollars(max))", at: hop.location, hop.keyPath)
        }
      }
      if let required = policy.requireCapabilities {
        let missing = required.filter { !row.capabilities.contains($0) }
        if !missing.isEmpty {
          emit(
            "\(hop.model) lacks the required \(missing.map { "'\($0)'" }.joined(separator: ", "))",
            at: hop.location, hop.keyPath)
        }
      }
      if policy.noRetired, let retired = row.retirementDate, retired <= now {
        emit(
          "\(hop.model) was retired on \(CatalogDate.day(retired))", at: hop.location, hop.keyPath,
          hint: row.successor.map { "write: - \($0)" })
      }
    }
  }
}
