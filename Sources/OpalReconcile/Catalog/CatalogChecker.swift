import Foundation
import OpalCore
import OpperAPI

/// The catalog checks of SPEC §14, for every hop of every chain:
/// - a hop on a retired model is an error naming its successor (the hint is the line to write);
/// - a hop retiring within `retireWarnDays` is a warning;
/// - a fallback hop that lacks a capability of the primary, or has a smaller context window, is a
///   warning (calls would degrade silently on failover);
/// - a hop the organization's policy blocks (`include=policy`) is an error.
///
/// A problem on a hop the live remote already has (`Hop.isLive`: the plan does not change it) is
/// a warning, never an error (and a degradation between a live primary and a live fallback is not
/// repeated at every plan), so an urgent unrelated change is not blocked by an old chain.
/// Every diagnostic is at the hop's file:line:col with its key path. Hops the catalog does not
/// know (custom models, or a server without `/v3/models`) are not judged here.
public struct CatalogChecker: Sendable {
  public var catalog: ModelCatalog
  public var options: CatalogCheckOptions

  public init(catalog: ModelCatalog, options: CatalogCheckOptions = CatalogCheckOptions()) {
    self.catalog = catalog
    self.options = options
  }

  public func check(_ chains: [CatalogChain], into diagnostics: some DiagnosticCollector) {
    guard !catalog.isEmpty else { return }
    for chain in chains { check(chain, into: diagnostics) }
  }

  public func check(_ chain: CatalogChain, into diagnostics: some DiagnosticCollector) {
    let primary = chain.hops.first.flatMap { catalog.row($0.model) }
    for (i, hop) in chain.hops.enumerated() {
      guard let row = catalog.row(hop.model) else { continue }
      checkRetirement(row, hop, in: chain, into: diagnostics)
      checkPolicy(row, hop, into: diagnostics)
      // A pairing the live alias already has is not news at every plan: it is said once it
      // changes (and always by `validate --online`, where nothing is live).
      let pairingIsLive = hop.isLive && chain.hops[0].isLive
      if i > 0, let primary, !pairingIsLive {
        checkDegradation(row, from: primary, hop, chain, into: diagnostics)
      }
    }
  }

  /// An error, or a warning saying why not when the hop is live and unchanged by the plan.
  private func problem(
    _ message: String, _ hop: CatalogChain.Hop, hint: String?, into diagnostics: some DiagnosticCollector
  ) {
    if hop.isLive {
      diagnostics.emit(
        .warning(
          message + " (already live and not changed by this plan, so not blocking)", at: hop.location,
          keyPath: hop.keyPath, hint: hint))
    } else {
      diagnostics.emit(.error(message, at: hop.location, keyPath: hop.keyPath, hint: hint))
    }
  }

  private func checkRetirement(
    _ row: CatalogModel, _ hop: CatalogChain.Hop, in chain: CatalogChain,
    into diagnostics: some DiagnosticCollector
  ) {
    guard let retired = row.retirementDate else { return }
    let day = CatalogDate.day(retired)
    if retired <= options.now {
      let message =
        "\(hop.model) was retired on \(day)" + (row.successor.map { "; its successor is \($0)" } ?? "")
      let hint =
        row.successor.map { Self.replacementHint(hop.model, with: $0, in: chain) }
        ?? "pick another model: this one no longer answers"
      problem(message, hop, hint: hint, into: diagnostics)
      return
    }
    let days = Int((retired.timeIntervalSince(options.now) / 86_400).rounded(.up))
    guard days <= options.retireWarnDays else { return }
    diagnostics.emit(
      .warning(
        "\(hop.model) retires on \(day) (in \(days) day\(days == 1 ? "" : "s"))"
          + (row.successor.map { "; its successor is \($0)" } ?? ""),
        at: hop.location, keyPath: hop.keyPath,
        hint: row.successor.map { "move before then; write: - \($0)" }))
  }

  /// The line to write for a hop moving to `successor`: `- SUCCESSOR` in a block list, or the
  /// whole flow list with it in place; or, when the chain already has the successor, to drop it.
  static func replacementHint(_ model: String, with successor: String, in chain: CatalogChain) -> String {
    let models = chain.hops.map(\.model)
    if models.contains(successor) {
      let rest = models.filter { $0 != model }.joined(separator: ", ")
      return "its successor is already in the chain: remove this hop; write: models: [\(rest)]"
    }
    let replaced = models.map { $0 == model ? successor : $0 }.joined(separator: ", ")
    return
      "replace the hop with its successor; write: - \(successor)   (in a flow list: models: [\(replaced)])"
  }

  private func checkPolicy(
    _ row: CatalogModel, _ hop: CatalogChain.Hop, into diagnostics: some DiagnosticCollector
  ) {
    guard let policy = row.policy, !policy.allowed else { return }
    let by = policy.blockedBy.map { " by \($0) policy" } ?? " by policy"
    let reason = policy.reason.map { ": \($0)" } ?? ""
    problem(
      "\(hop.model) is blocked\(by)\(reason)", hop,
      hint: "calls through this hop are refused (403); choose an allowed model", into: diagnostics)
  }

  private func checkDegradation(
    _ row: CatalogModel, from primary: CatalogModel, _ hop: CatalogChain.Hop, _ chain: CatalogChain,
    into diagnostics: some DiagnosticCollector
  ) {
    let missing = primary.capabilities.filter { !row.capabilities.contains($0) }
    if !missing.isEmpty {
      let list = missing.map { "'\($0)'" }.joined(separator: ", ")
      diagnostics.emit(
        .warning(
          "fallback \(hop.model) lacks \(list) that the primary \(primary.id) has: calls that need "
            + "\(missing.count == 1 ? "it" : "them") degrade silently when \(chain.name) fails over",
          at: hop.location, keyPath: hop.keyPath,
          hint: "choose a fallback with the same capabilities, or accept the degradation"))
    }
    if row.contextWindow > 0, primary.contextWindow > row.contextWindow {
      diagnostics.emit(
        .warning(
          "fallback \(hop.model) has a smaller context window (\(row.contextWindow) tokens) than the "
            + "primary \(primary.id) (\(primary.contextWindow)): long inputs fail on failover",
          at: hop.location, keyPath: hop.keyPath))
    }
  }
}
