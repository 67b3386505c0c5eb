import Foundation
import OpalConfig
import OpalCore

/// The catalog checks and the config's `policy:` rules over one set of chains (aliases and
/// routes alike), each distinct finding emitted once: two branches of a route graph share the
/// hops before their split, and a problem with such a hop is one problem.
public struct ChainChecks: Sendable {
  public var catalog: ModelCatalog
  public var policies: [CatalogPolicy]
  public var options: CatalogCheckOptions

  public init(catalog: ModelCatalog, policies: [CatalogPolicy], options: CatalogCheckOptions) {
    self.catalog = catalog
    self.policies = policies
    self.options = options
  }

  public func check(_ chains: [CatalogChain], into diagnostics: some DiagnosticCollector) {
    let found = DiagnosticList()
    CatalogChecker(catalog: catalog, options: options).check(chains, into: found)
    PolicyChecker(policies: policies, catalog: catalog, now: options.now).check(chains, into: found)
    var seen = Set<Diagnostic>()
    diagnostics.emit(contentsOf: found.diagnostics.filter { seen.insert($0).inserted })
  }

  /// The same checks over every chain `desired` declares against `remote` (the chains of
  /// `CatalogChain.all(of:remote:)`), built a batch at a time: the findings and their order are
  /// those of `check(_:into:)` on the whole list (every catalog finding, then each policy's).
  public func check(
    chainsOf desired: DesiredState, remote: RemoteState, batchSize: Int = 4096,
    into diagnostics: some DiagnosticCollector
  ) {
    let catalogFound = DiagnosticList()
    let policyFound = policies.map { _ in DiagnosticList() }
    let catalogChecker = CatalogChecker(catalog: catalog, options: options)
    let policyCheckers = policies.map { PolicyChecker(policies: [$0], catalog: catalog, now: options.now) }
    CatalogChain.forEachBatch(of: desired, remote: remote, size: batchSize) { batch in
      catalogChecker.check(batch, into: catalogFound)
      for (checker, found) in zip(policyCheckers, policyFound) { checker.check(batch, into: found) }
    }
    var seen = Set<Diagnostic>()
    let found = catalogFound.diagnostics + policyFound.flatMap(\.diagnostics)
    diagnostics.emit(contentsOf: found.filter { seen.insert($0).inserted })
  }
}
