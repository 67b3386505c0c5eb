import OpalConfig
import OpalCore
import OpperAPI

/// The online checks of SPEC §2: every hop of every declared alias is a catalog model or a custom
/// model, and never an alias (aliases do not nest in Opper).
public struct OnlineValidator: Sendable {
  private let modelNames: Set<String>
  private let customNames: Set<String>
  private let sortedCandidates: [String]
  /// Each remote alias's chain by its name (first seen wins): only the chain is read, so only
  /// it is kept (100,000 aliases: ~4 MB, where whole `Alias`es took ~9 MB).
  private let chainsByName: [String: [String]]

  /// Checks against the catalog and custom models of `remote`; a hop naming any of its aliases
  /// (not only those in scope) is an error.
  public init(remote: RemoteState) {
    // A v3 row counts as a model too (a retired one may be gone from v2): the catalog checks
    // then say what is wrong with it, with its successor.
    modelNames = Set(remote.catalog.map(\.name)).union(remote.models.rows.flatMap(\.names))
    customNames = Set(remote.customModels.map(\.name))
    sortedCandidates = Array(modelNames.union(customNames)).sorted()
    var chains: [String: [String]] = [:]
    chains.reserveCapacity(remote.aliases.count)
    for alias in remote.aliases where chains[alias.name] == nil { chains[alias.name] = alias.fallbackModels }
    chainsByName = chains
  }

  /// One error per unknown hop, at the hop's location, keyed `aliases.NAME.models[i]` (the
  /// same `ConfigKeyPath` the offline checks use). With `unchangedAreWarnings` (plan), a hop of an
  /// alias whose live chain is already exactly the declared one is a warning: the plan does not
  /// touch that chain, so an old problem never blocks an urgent unrelated change (SPEC §12).
  public func validate(
    _ desired: DesiredState, into diagnostics: some DiagnosticCollector, unchangedAreWarnings: Bool = false
  ) {
    for spec in desired.aliases {
      let untouched = unchangedAreWarnings && chainsByName[spec.name] == spec.models
      for (i, hop) in spec.models.enumerated() {
        if modelNames.contains(hop) || customNames.contains(hop) { continue }
        let keyPath = ConfigKeyPath.alias(spec.name).child("models").index(i)
        if let live = chainsByName[hop] {
          let chain = live.joined(separator: ", ")
          diagnostics.emit(
            .error(
              "\(hop) is an alias, not a model: aliases do not nest in Opper", at: spec.location(ofModel: i),
              keyPath: keyPath, hint: "list its models instead: [\(chain)]"))
          continue
        }
        let nearest = NearestNames.suggest(hop, from: sortedCandidates)
        let hint: String? =
          nearest.isEmpty
          ? "see `GET /models` for the catalog, or register a custom model"
          : "did you mean " + nearest.map { "'\($0)'" }.joined(separator: ", ") + "?"
        let message = "\(hop) is not a model of the catalog nor a custom model"
        diagnostics.emit(
          untouched
            ? .warning(
              message + " (the chain is live as declared and this plan does not change it)",
              at: spec.location(ofModel: i), keyPath: keyPath, hint: hint)
            : .error(message, at: spec.location(ofModel: i), keyPath: keyPath, hint: hint))
      }
    }
  }
}
