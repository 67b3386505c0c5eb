import OpalCore

/// The custom models whose create failed in this apply (or rollback), with why: the alias and
/// route changes whose chains name one are not attempted (they would only fail on the server,
/// or worse, point at nothing), and are reported as skipped with the reason.
public struct UnavailableCustomModels: Hashable, Sendable {
  /// Why each model is missing, by name.
  public var reasons: [String: String]

  public init(reasons: [String: String] = [:]) { self.reasons = reasons }

  /// The failed creates of `results`.
  public init(_ results: [CustomModelApplyResult]) {
    var reasons: [String: String] = [:]
    for r in results where r.action == .create && !r.isSuccess {
      reasons[r.name] = r.outcome.message ?? r.outcome.status.replacingOccurrences(of: "_", with: " ")
    }
    self.init(reasons: reasons)
  }

  public var isEmpty: Bool { reasons.isEmpty }

  /// The first unavailable model of `models`, with why.
  private func blocker(in models: [String]) -> String? {
    guard let name = models.first(where: { reasons[$0] != nil }) else { return nil }
    return "its chain names custom model \(name), whose create failed (\(reasons[name] ?? "failed"))"
  }

  /// `plan` without the alias and route changes whose new chain names an unavailable model,
  /// and those changes as skipped, with the reason.
  public func split(_ plan: Plan) -> (plan: Plan, aliases: [ApplyReport.Result], routes: [RouteApplyResult]) {
    guard !isEmpty else { return (plan, [], []) }
    var kept = plan
    var aliases: [ApplyReport.Result] = []
    kept.changes = plan.changes.filter { change in
      guard change.action != .delete, let why = blocker(in: change.after?.models ?? []) else { return true }
      aliases.append(ApplyReport.Result(change: change, outcome: .skipped(reason: why)))
      return false
    }
    var routes: [RouteApplyResult] = []
    if var routePlan = plan.routes {
      routePlan.changes = routePlan.changes.filter { change in
        guard let graph = change.after?.graph, let why = blocker(in: RouteGraphBranches.models(of: graph))
        else { return true }
        routes.append(
          RouteApplyResult(
            name: change.name, action: change.action, outcome: .skipped, message: why))
        return false
      }
      kept.routes = routePlan
    }
    return (kept, aliases, routes)
  }
}
