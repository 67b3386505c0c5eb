import OpalConfig
import OpalCore

/// The warnings a reviewer needs beside a plan (SPEC §12), emitted into the run's collector so
/// they are printed on stderr and counted in the summary:
/// - a `renamed_from` that matches no remote alias while the declared name is absent too (the
///   plan creates instead of renaming), with the nearest remote names as a did-you-mean;
/// - a create with the same content as a delete of the same plan ("did you mean `renamed_from`?");
/// - in-scope remote aliases the config does not declare while prune is off.
struct PlanReviewChecks<Collector: DiagnosticCollector> {
  let diagnostics: Collector

  func check(_ plan: Plan, desired: DesiredState, remote: RemoteState) {
    checkRenames(plan, desired: desired, remote: remote)
    checkDeleteCreatePairs(plan, desired: desired)
    checkUndeclared(plan)
  }

  private func checkRenames(_ plan: Plan, desired: DesiredState, remote: RemoteState) {
    let withRenames = desired.aliases.filter { !$0.renamedFrom.isEmpty }
    guard !withRenames.isEmpty else { return }
    let remoteNames = Set(remote.aliases.map(\.name))
    for spec in withRenames where !remoteNames.contains(spec.name) {
      let missing = spec.renamedFrom.filter { !remoteNames.contains($0) }
      guard missing.count == spec.renamedFrom.count else { continue }
      let suggestions = missing.flatMap { NearestNames.suggest($0, from: remoteNames) }
      var seen = Set<String>()
      let unique = suggestions.filter { seen.insert($0).inserted }
      diagnostics.emit(
        .warning(
          "renamed_from of '\(spec.name)' matches no remote alias (\(missing.joined(separator: ", "))): "
            + "'\(spec.name)' will be created, not renamed",
          at: spec.location, keyPath: ConfigKeyPath.alias(spec.name).child("renamed_from"),
          hint: unique.isEmpty
            ? "check the old name against the remote (`opal export` lists it)"
            : "did you mean " + unique.prefix(3).map { "'\($0)'" }.joined(separator: " or ") + "?"))
    }
  }

  private func checkDeleteCreatePairs(_ plan: Plan, desired: DesiredState) {
    var deleted: [AliasContent: String] = [:]
    for change in plan.changes where change.action == .delete {
      if let before = change.before, deleted[before] == nil { deleted[before] = change.name }
    }
    guard !deleted.isEmpty else { return }
    for change in plan.changes where change.action == .create {
      guard let after = change.after, let old = deleted[after] else { continue }
      diagnostics.emit(
        .warning(
          "'\(change.name)' is created with the same content as '\(old)', which this plan deletes",
          at: desired.alias(named: change.name)?.location, keyPath: .alias(change.name),
          hint:
            "did you mean `renamed_from: [\(old)]`? A rename keeps the alias (its id) instead of delete + create"
        ))
    }
  }

  private func checkUndeclared(_ plan: Plan) {
    let names = plan.undeclaredInScope
    guard !names.isEmpty else { return }
    let shown = names.prefix(10).joined(separator: ", ") + (names.count > 10 ? ", …" : "")
    diagnostics.emit(
      .warning(
        "\(names.count) undeclared alias\(names.count == 1 ? "" : "es") in scope (prune is off): \(shown)",
        keyPath: ConfigKeyPath.root.child("scope"),
        hint: "declare \(names.count == 1 ? "it" : "them"), exclude \(names.count == 1 ? "it" : "them") "
          + "from the scope, or set prune: true to delete \(names.count == 1 ? "it" : "them")"))
  }
}
