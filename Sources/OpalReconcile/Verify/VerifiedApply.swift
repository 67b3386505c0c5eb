import OpalCore
import OpperAPI

/// `apply --verify` after the changes are made (SPEC §15): smoke every alias and route the apply
/// changed, and when any check fails (or a change itself failed), roll back everything this
/// apply changed from its snapshot: aliases through the `RollbackPlanner` and the `Applier`,
/// routes with the server's rollback. Says per change: verified, rolled back (why), or could not
/// be rolled back (why). Custom models the apply changed are not smoked (the aliases that name
/// them are) but are rolled back with the rest, in apply's order around the aliases.
public struct VerifiedApply: Sendable {
  let verifier: any ChangeVerifier
  let aliases: any AliasAPI
  let routes: (any DynamicRoutesAPI)?
  let customModels: (any CustomModelAPI & CatalogAPI)?
  let keys: RollbackKeys
  let options: ApplyOptions
  let note: String

  /// - Parameters:
  ///   - customModels: the API a rollback reads and writes custom models with (nil: the
  ///     snapshot's custom models are left alone); `keys`: what their re-creates may send.
  ///   - note: the release note of route versions a rollback makes.
  public init(
    verifier: any ChangeVerifier, aliases: any AliasAPI, routes: (any DynamicRoutesAPI)?,
    customModels: (any CustomModelAPI & CatalogAPI)? = nil, keys: RollbackKeys = RollbackKeys(),
    options: ApplyOptions = ApplyOptions(), note: String
  ) {
    self.verifier = verifier
    self.aliases = aliases
    self.routes = routes
    self.customModels = customModels
    self.keys = keys
    self.options = options
    self.note = note
  }

  /// One change of the apply, with the names its rollback may carry.
  private struct Changed {
    var entry: VerificationReport.Entry
    var names: Set<String>
    var failed: Bool
    /// Never sent: the apply stopped before it.
    var notMade = false
  }

  /// Verifies what `report` changed and, if anything failed, rolls it back to `snapshot`.
  /// `early` holds the checks made while the apply ran (`EarlyVerification`): what it checked is
  /// not smoked again, and after its first failure nothing more is smoked (all is rolled back).
  public func verify(
    _ report: ApplyReport, snapshot: Snapshot, early: EarlyVerification? = nil
  ) async -> VerificationReport {
    let stoppedBy = early?.firstFailure
    var changed: [Changed] = []
    var targets: [VerifyTarget] = []
    for r in report.results {
      let target = VerifyTarget(.alias, r.change.name)
      if r.outcome.isSuccess && r.change.action != .delete { targets.append(target) }
      changed.append(
        Changed(
          entry: .init(
            target: target, action: "\(r.change.action.symbol) \(r.change.displayName)", status: .notVerified),
          names: Set([r.change.name] + (r.change.oldName.map { [$0] } ?? [])),
          failed: { if case .failed = r.outcome { true } else { false } }(),
          notMade: r.outcome == .notStarted))
    }
    for r in report.routes ?? [] {
      let target = VerifyTarget(.route, r.name)
      if r.outcome == .deployed { targets.append(target) }
      changed.append(
        Changed(
          entry: .init(target: target, action: "\(r.action.symbol) route \(r.name)", status: .notVerified),
          names: [r.name], failed: !r.isSuccess && r.outcome != .notStarted && r.outcome != .skipped))
    }
    for r in report.customModels ?? [] {
      changed.append(
        Changed(
          entry: .init(
            target: VerifyTarget(.customModel, r.name), action: "\(r.action.symbol) custom model \(r.name)",
            status: .notVerified),
          names: [r.name], failed: { if case .failed = r.outcome { true } else { false } }()))
    }
    let known = early?.verdicts ?? []
    let checkedEarly = Set(known.map(\.target))
    let rest = targets.filter { !checkedEarly.contains($0) }
    let verdicts: [VerifyVerdict]
    if let stoppedBy {
      let why = "not smoked: the apply stopped when \(stoppedBy.target.name)'s check failed"
      verdicts = known + rest.map { VerifyVerdict($0, .notChecked, message: why) }
    } else {
      verdicts = known + (rest.isEmpty ? [] : await verifier.verify(rest))
    }
    let byTarget = Dictionary(verdicts.map { ($0.target, $0) }, uniquingKeysWith: { first, _ in first })
    let checked = Set(targets)
    for i in changed.indices where checked.contains(changed[i].entry.target) {
      let verdict = byTarget[changed[i].entry.target]
      changed[i].entry.check = verdict?.outcome ?? .notChecked
      changed[i].entry.checkMessage = verdict?.message ?? (verdict == nil ? "the smoke gave no verdict" : nil)
      if verdict?.outcome == .passed { changed[i].entry.status = .verified }
    }
    let failedChecks = changed.filter { $0.entry.check == .failed }.map(\.entry.target.name)
    let failedChanges = changed.filter(\.failed).map(\.entry.target.name)
    guard !failedChecks.isEmpty || !failedChanges.isEmpty else {
      return VerificationReport(entries: changed.map(\.entry), rolledBack: false)
    }
    var reasons: [String] = []
    if !failedChecks.isEmpty {
      reasons.append("failed verification: \(failedChecks.joined(separator: ", "))")
    }
    if !failedChanges.isEmpty { reasons.append("failed to apply: \(failedChanges.joined(separator: ", "))") }
    let reason = reasons.joined(separator: "; ")
    let outcome = await rollBack(snapshot)
    let entries = changed.map { item -> VerificationReport.Entry in
      var entry = item.entry
      let why: String
      if entry.check == .failed {
        why = "its check failed: \(entry.checkMessage ?? "no answer")"
      } else if item.failed {
        why = "its change failed"
      } else if let stoppedBy, item.notMade {
        entry.message = "not made: the apply stopped when \(stoppedBy.target.name)'s check failed"
        return entry
      } else {
        why = "rolled back with the rest (\(reason))"
      }
      switch outcome.result(for: entry.target, names: item.names) {
      case .rolledBack(let detail):
        entry.status = .rolledBack
        entry.message = detail.map { "\(why); \($0)" } ?? why
      case .notRolledBack(let problem):
        entry.status = .notRolledBack
        entry.message = "could not be rolled back: \(problem) (\(why))"
      }
      return entry
    }
    return VerificationReport(entries: entries, rolledBack: true, reason: reason)
  }

  /// Reads the remote, plans back to the snapshot and carries it out.
  private func rollBack(_ snapshot: Snapshot) async -> RollbackOutcome {
    let remote: [Alias]
    var liveRoutes: [RemoteRoute]?
    var liveModels: [CustomModel]?
    do {
      remote = try await aliases.listAliases()
      if !snapshot.routes.isEmpty, let routes {
        let read = try await RemoteRoute.readAll(from: routes)
        liveRoutes = read
      }
      if !(snapshot.customModels ?? []).isEmpty, let customModels {
        let read = try await customModels.listCustomModels()
        liveModels = read
      }
    } catch {
      return RollbackOutcome(problem: "reading the remote for the rollback failed: \(error)")
    }
    let plan = RollbackPlanner().plan(
      snapshot, aliases: remote, routes: liveRoutes, customModels: liveModels, keys: keys,
      options: PlanOptions(force: true, allowEmpty: true))
    let rollback = SnapshotRollback(
      applier: Applier(api: aliases, options: options), routes: routes,
      customModels: customModels.map { CustomModelApplier(api: $0, keys: keys.values) }, note: note)
    let report = await rollback.run(plan)
    return RollbackOutcome(snapshot: snapshot, remote: remote, plan: plan, report: report)
  }
}
