import OpalConfig
import OpalCore
import OpperAPI

/// Smoke judges each alias against the chain that is live, not the one the file wants
/// (SPEC §12): `served_by: first`, "fallback" and `--each-hop` mean the remote's chain, because
/// that is what callers get. Where the two differ, a warning says so; an alias the remote does not
/// hold is a warning too (its calls fail); and `--alias` may name remote aliases the file does
/// not declare, which are smoked with one default case.
public enum LiveChains {
  /// `desired` with each selected alias's chain replaced by the live one, plus the undeclared
  /// remote aliases `filter` matches; the differences are emitted as warnings.
  public static func apply(
    _ desired: DesiredState, remote: [Alias], filter: GlobSet?, into diagnostics: some DiagnosticCollector
  ) -> DesiredState {
    let live = Dictionary(remote.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var out = desired
    out.aliases = desired.aliases.map { spec in
      guard filter?.matches(spec.name) ?? true else { return spec }
      guard let alias = live[spec.name] else {
        diagnostics.emit(
          .warning(
            "\(spec.name) does not exist on the remote: its calls will fail", at: spec.location,
            keyPath: .alias(spec.name), hint: "run `opal apply` first"))
        return spec
      }
      guard alias.fallbackModels != spec.models else { return spec }
      diagnostics.emit(
        .warning(
          "\(spec.name): the live chain \(alias.fallbackModels) differs from the file's \(spec.models); "
            + "smoke judges the live one", at: spec.location,
          keyPath: .alias(spec.name),
          hint: "`opal plan` shows the difference; `opal apply` makes the file's chain live"))
      var judged = spec
      judged.models = alias.fallbackModels
      judged.modelLocations = []
      return judged
    }
    if let filter {
      let declared = Set(desired.aliases.map(\.name))
      for alias in remote.sorted(by: { $0.name < $1.name })
      where filter.matches(alias.name) && !declared.contains(alias.name) {
        out.aliases.append(AliasSpec(name: alias.name, models: alias.fallbackModels))
      }
    }
    return out
  }
}
