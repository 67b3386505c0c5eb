import OpalConfig
import OpalCore
import OpperAPI

/// Writes remote custom models as the `custom_models:` section of a config that round-trips
/// (SPEC §15): `identifier`, `extra` in JSON flow style (valid YAML, exactly as the server
/// holds it), and, as the key is write-only, `api_key: {env: OPPER_CUSTOM_KEY_<NAME>}`: the
/// name upper-cased with every character that is not a letter or digit as `_`
/// (`my-org/llama-3` → `OPPER_CUSTOM_KEY_MY_ORG_LLAMA_3`). Planning the export sends no key;
/// only a create or `--rotate-keys` reads the variable.
public struct CustomModelExporter: Sendable {
  public static let variablePrefix = "OPPER_CUSTOM_KEY_"
  public var include: GlobSet?
  public var exclude: GlobSet

  public init(include: GlobSet? = nil, exclude: GlobSet = GlobSet([])) {
    self.include = include
    self.exclude = exclude
  }

  /// The environment variable an exported model's key is read from.
  public static func variableName(for name: String) -> String {
    variablePrefix
      + String(
        name.uppercased().unicodeScalars.map { s -> Character in
          s.isASCII && (("A"..."Z").contains(s) || ("0"..."9").contains(s)) ? Character(s) : "_"
        })
  }

  /// The section text (empty when no model is selected) and its warnings.
  public func section(_ models: [CustomModel]) -> (yaml: String, count: Int, warnings: [String]) {
    let selected = models.filter { !exclude.matches($0.name) && (include?.matches($0.name) ?? true) }
      .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    var out = ""
    var warnings: [String] = []
    var written = Set<String>()
    var variables: [String: String] = [:]
    for model in selected {
      guard AliasRules.customModelNameProblem(model.name) == nil, !model.identifier.isEmpty else {
        warnings.append(
          "skipped remote custom model \(TerminalText.escaped(model.name)) (id \(model.id)): opal's rules reject it"
        )
        continue
      }
      guard written.insert(model.name).inserted else {
        warnings.append(
          "the remote holds more than one custom model named \(model.name); exported the first (id order)")
        continue
      }
      let variable = Self.variableName(for: model.name)
      if let other = variables[variable] {
        warnings.append(
          "custom models \(other) and \(model.name) both read their key from \(variable): rename one variable"
        )
      }
      variables[variable] = model.name
      out += "  \(YAMLScalarQuoting.scalar(model.name, context: .key)):\n"
      out += "    identifier: \(YAMLScalarQuoting.scalar(model.identifier, context: .blockValue))\n"
      if !model.extra.isEmpty { out += "    extra: \(JSONValue.object(model.extra).canonicalJSON)\n" }
      out += "    api_key: {env: \(variable)}\n"
    }
    guard !written.isEmpty else { return ("", 0, warnings) }
    return ("custom_models:\n" + out, written.count, warnings)
  }
}
