import OpalConfig
import OpalCore
import OpalReconcile
import OpalSmoke
import OpperAPI
import Synchronization

/// `apply --verify`'s checks, made by OpalSmoke's runner: each changed alias and route with its
/// smoke cases from the config (one default case when it has none, or when no config is at
/// hand), judged on the chain that is live now (`LiveChains`), with the runner's parallelism,
/// per-call timeout, budget and 401 stop. A call that fails or errors fails the check; one the
/// runner skipped (budget, refused key) is not checked. `apply --verify` calls it once per
/// batch of changes that landed, so `--budget-usd` is what is left of the whole run's budget.
final class SmokeVerifier: ChangeVerifier {
  let client: OpperClient
  let desired: DesiredState
  let options: SmokeOptions
  /// USD the earlier batches spent.
  private let spent = Mutex(0.0)
  /// How many aliases the last whole listing held: a later batch smaller than the pages a
  /// listing takes reads its own aliases by name instead (`liveAliases`).
  private let listedTotal = Mutex<Int?>(nil)
  /// Set once the list moved under a read: the later batches read by name too, rather than
  /// list again while this apply's changes go on landing.
  private let listMoved = Mutex(false)

  init(client: OpperClient, desired: DesiredState, options: SmokeOptions) {
    self.client = client
    self.desired = desired
    self.options = options
  }

  func verify(_ targets: [VerifyTarget]) async -> [VerifyVerdict] {
    let aliasNames = targets.filter { $0.kind == .alias }.map(\.name)
    let routeNames = Set(targets.filter { $0.kind == .route }.map(\.name))
    let remote: [Alias]
    do {
      remote = try await liveAliases(aliasNames)
    } catch {
      return targets.map {
        VerifyVerdict($0, .failed, message: "reading the aliases to smoke failed: \(error.description)")
      }
    }
    var scoped = desired
    scoped.routes = desired.routes.filter { routeNames.contains($0.name) }
    // The file's chains are what was just applied; warnings about the live ones are not news here.
    let judged = LiveChains.apply(
      scoped, remote: remote, filter: .literal(aliasNames), into: DiagnosticList())
    var options = self.options
    options.aliasFilter = .literal(aliasNames + scoped.routes.map(\.invocationModel))
    let spentSoFar = spent.withLock { $0 }
    options.budgetUSD = options.budgetUSD.map { max(0, $0 - spentSoFar) }
    let report = await SmokeRunner(api: client, options: options).run(judged)
    spent.withLock { $0 += report.totals.costUSD }
    let results = Dictionary(report.aliases.map { ($0.alias, $0) }, uniquingKeysWith: { first, _ in first })
    return targets.map { target in
      let name = target.kind == .alias ? target.name : "dynamic/\(target.name)"
      guard let result = results[name] else {
        return VerifyVerdict(
          target, .notChecked,
          message: target.kind == .route ? "not smoked: the route's config is not at hand" : "not smoked")
      }
      let reason = result.cases.first { $0.verdict != .pass }?.reasons.first
      switch result.verdict {
      case .pass: return VerifyVerdict(target, .passed)
      case .fail, .error: return VerifyVerdict(target, .failed, message: reason ?? "the smoke failed")
      case .skipped: return VerifyVerdict(target, .notChecked, message: reason ?? "skipped")
      }
    }
  }

  /// The live aliases among `names`, by whichever takes fewer requests: the whole list (always
  /// the first time, which learns its size; the plan's remote snapshot holds only the aliases
  /// in scope), or one read by name each, `parallelism` at a time. An alias the remote does not
  /// hold is simply absent, as in the list. A list that moves while it is read (this apply's
  /// own changes still landing beside the check) is not a failed check: the batch is read by
  /// name instead.
  func liveAliases(_ names: [String]) async throws(OpperAPIError) -> [Alias] {
    let pageSize = client.configuration.effectivePageSize
    let pages = listedTotal.withLock { $0 }.map { ($0 + pageSize - 1) / pageSize + 1 }
    if !listMoved.withLock({ $0 }), names.count >= pages ?? 0 {
      do throws(OpperAPIError) {
        let all = try await client.listAliases()
        listedTotal.withLock { $0 = all.count }
        return all
      } catch {
        guard case .inconsistentList = error.kind else { throw error }
        listMoved.withLock { $0 = true }
      }
    }
    let client = self.client
    let found = try await BoundedConcurrency.map(names, width: options.parallelism) {
      name async throws(OpperAPIError) in try await client.alias(named: name)
    }
    return found.compactMap { $0 }
  }
}
