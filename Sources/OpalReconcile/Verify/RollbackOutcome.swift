import OpalCore
import OpperAPI

/// What a rollback after a failed verify did, asked per change.
struct RollbackOutcome {
  enum Result {
    case rolledBack(String?)
    case notRolledBack(String)
  }

  var problem: String?
  var snapshot: Snapshot?
  var remote: [Alias] = []
  var plan: RollbackPlan?
  var report: ApplyReport?

  init(problem: String) { self.problem = problem }

  init(snapshot: Snapshot, remote: [Alias], plan: RollbackPlan, report: ApplyReport) {
    self.snapshot = snapshot
    self.remote = remote
    self.plan = plan
    self.report = report
  }

  func result(for target: VerifyTarget, names: Set<String>) -> Result {
    if let problem { return .notRolledBack(problem) }
    guard let report, let plan, let snapshot else { return .notRolledBack("no rollback was made") }
    switch target.kind {
    case .alias:
      if let r = report.results.first(where: {
        names.contains($0.change.name) || $0.change.oldName.map(names.contains) == true
      }) {
        return r.outcome.isSuccess
          ? .rolledBack(nil)
          : .notRolledBack(r.outcome.message ?? r.outcome.status.replacingOccurrences(of: "_", with: " "))
      }
      let protect = GlobSet(snapshot.protect.compactMap { try? Glob($0) })
      let created = snapshot.aliases.contains { names.contains($0.name) && $0.before == nil }
      if created && names.contains(where: protect.matches)
        && remote.contains(where: { names.contains($0.name) })
      {
        return .notRolledBack("scope.protect covers it, so a rollback does not delete it")
      }
      return .rolledBack("it already held what it held before")
    case .route:
      if let r = report.routes?.first(where: { $0.name == target.name }) {
        return r.isSuccess ? .rolledBack(r.message) : .notRolledBack(r.message ?? r.outcome.rawValue)
      }
      if let why = plan.leftAlone.first(where: { $0.hasPrefix("route \(target.name) ") }) {
        return .notRolledBack(why)
      }
      return .rolledBack("it was already at the version it had before")
    case .customModel:
      if let r = report.customModels?.first(where: { $0.name == target.name }) {
        guard r.isSuccess else {
          return .notRolledBack(
            r.outcome.message ?? r.outcome.status.replacingOccurrences(of: "_", with: " "))
        }
        let change = plan.plan.customModels?.changes.first { $0.name == target.name }
        return .rolledBack(change?.notes.first)
      }
      if plan.leftAlone.contains(where: { $0.contains("custom model") }) {
        return .notRolledBack("the custom models were not read")
      }
      if let why = plan.plan.customModels?.notes.first(where: { $0.hasPrefix("custom model \(target.name) ") }
      ) {
        return .notRolledBack(why)
      }
      let rotated =
        snapshot.customModels?.contains { $0.name == target.name && $0.before == $0.after } == true
      return .rolledBack(
        rotated
          ? "its content was unchanged; the key sent cannot be taken back (the API never returns keys)"
          : "it already held what it held before")
    }
  }
}
