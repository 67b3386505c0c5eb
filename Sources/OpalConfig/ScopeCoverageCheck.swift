import OpalCore

/// The checks that hold a config to the scope it states (SPEC §12):
/// - a declared alias or route that `scope.exclude` covers, or that an explicit `scope.include`
///   does not cover, is an error at its name's line: the file would change something it says it
///   does not own (one set of globs covers aliases and routes);
/// - `prune: true` without `scope.include` is a warning: the scope is then the declared names,
///   so prune can delete nothing.
struct ScopeCoverageCheck<Collector: DiagnosticCollector> {
  let diagnostics: Collector

  /// Checks the assembled state; `scopeAt` and `pruneAt` are where those settings were written.
  func check(_ state: DesiredState, scopeAt: SourceLocation?, pruneAt: SourceLocation?) {
    let scope = state.scope
    if !scope.exclude.isEmpty || scope.include != nil {
      for spec in state.aliases {
        checkCovered(
          "alias", spec.name, at: spec.location, keyPath: .alias(spec.name), scope: scope, scopeAt: scopeAt)
      }
      for route in state.routes {
        checkCovered(
          "route", route.name, at: route.location,
          keyPath: ConfigKeyPath.root.child("routes").child(route.name),
          scope: scope, scopeAt: scopeAt)
      }
    }
    // Only for a config that loads: beside errors the warning is noise.
    if state.prune, scope.include == nil, !diagnostics.hasErrors {
      diagnostics.emit(
        .warning(
          "prune is on but scope.include is not set: the scope is the declared names, "
            + "so prune can delete nothing",
          at: pruneAt, keyPath: ConfigKeyPath.root.child("prune"),
          hint: "add scope.include with the names this file owns (for example include: [\"team-a/*\"]), "
            + "or drop prune"))
    }
  }

  private func checkCovered(
    _ kind: String, _ name: String, at location: SourceLocation?, keyPath: ConfigKeyPath, scope: Scope,
    scopeAt: SourceLocation?
  ) {
    let related = scopeAt.map { [Diagnostic.Related(location: $0, message: "the scope is set here")] } ?? []
    if let glob = scope.exclude.globs.first(where: { $0.matches(name) }) {
      diagnostics.emit(
        .error(
          "\(kind) '\(name)' is declared but scope.exclude ('\(glob.pattern)') covers it: "
            + "the file would change \(article(kind)) it says it does not own",
          at: location, keyPath: keyPath,
          hint: "remove the \(kind), or narrow scope.exclude", related: related))
    } else if let include = scope.include, !include.matches(name) {
      diagnostics.emit(
        .error(
          "\(kind) '\(name)' is declared but scope.include does not cover it: "
            + "the file would change \(article(kind)) it says it does not own",
          at: location, keyPath: keyPath,
          hint: "add '\(name)' (or a glob covering it) to scope.include", related: related))
    }
  }

  /// "an alias", "a route".
  private func article(_ kind: String) -> String {
    (kind.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + kind
  }
}
