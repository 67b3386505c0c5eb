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
}
