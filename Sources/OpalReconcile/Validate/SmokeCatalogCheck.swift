import OpalConfig
import OpalCore
import OpperAPI

/// `validate --online`'s checks of the smoke cases (SPEC §12), as warnings: a smoke case can
/// only fail on them, the aliases are not wrong.
/// - `served_by` naming a model the call cannot be served by (outside the alias's chain, or
///   outside the case's own `model:` list), with the chain's last hop as the hint for `last`;
/// - a smoke `model:` name that is neither in the catalog nor a custom model.
public struct SmokeCatalogCheck: Sendable {
  private let known: Set<String>
  private let candidates: [String]

  public init(remote: RemoteState) {
    known = Set(remote.catalog.map(\.name)).union(remote.customModels.map(\.name))
    candidates = known.sorted()
  }

  public func validate(_ desired: DesiredState, into diagnostics: some DiagnosticCollector) {
    for spec in desired.aliases {
      let cases = spec.smoke.isEmpty ? [desired.smokeDefaults ?? SmokeCase()] : spec.smoke
      for (i, raw) in cases.enumerated() {
        let smoke = raw.merged(over: desired.smokeDefaults)
        let path = ConfigKeyPath.alias(spec.name).child("smoke").index(i)
        let at = smoke.location ?? spec.location
        let caseModels = smoke.model.map(Self.modelNames) ?? []
        for name in caseModels where !known.contains(name) {
          let nearest = NearestNames.suggest(name, from: candidates)
          diagnostics.emit(
            .warning(
              "smoke model \(name) of '\(spec.name)' is not a model of the catalog nor a custom model",
              at: at, keyPath: path.child("model"),
              hint: nearest.isEmpty
                ? nil : "did you mean " + nearest.map { "'\($0)'" }.joined(separator: ", ") + "?"))
        }
        guard case .model(let served)? = smoke.expect.servedBy else { continue }
        let chain = caseModels.isEmpty ? spec.models : caseModels
        if chain.contains(served) { continue }
        let hint =
          served == "last"
          ? "served_by takes first, any or a model name; for the last hop write '\(chain.last ?? "")'"
          : "served_by takes first, any or one of: " + chain.joined(separator: ", ")
        diagnostics.emit(
          .warning(
            "served_by \(served) is not in the chain of '\(spec.name)', so this smoke case cannot pass",
            at: at, keyPath: path.child("expect").child("served_by"), hint: hint))
      }
    }
  }

  /// The model names of a smoke case's `model:` (a name, `{name, options}`, or a list of them).
  static func modelNames(_ value: JSONValue) -> [String] {
    switch value {
    case .string(let name): [name]
    case .object(let fields): fields["name"].map(modelNames) ?? []
    case .array(let items): items.flatMap(modelNames)
    default: []
    }
  }
}
