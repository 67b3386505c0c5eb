import OpalConfig
import OpalCore
import OpperAPI

/// Writes remote aliases as an opal config file that round-trips: export, then plan, shows no
/// changes. Stable order (by name), no comments, every scalar quoted when YAML would misread it.
/// The file states the scope it was exported with (`include: ["*"]` for everything) and
/// `prune: true`, so it owns what it lists: removing an alias from it plans the alias's deletion.
public struct Exporter: Sendable {
  /// Globs of names to export; nil means every alias.
  public var include: GlobSet?
  public var exclude: GlobSet

  public init(include: GlobSet? = nil, exclude: GlobSet = GlobSet([])) {
    self.include = include
    self.exclude = exclude
  }

  /// The aliases this export covers, sorted by name (then id).
  public func selected(_ remote: [Alias]) -> [Alias] {
    remote.filter { alias in
      !exclude.matches(alias.name) && (include?.matches(alias.name) ?? true)
    }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
  }

  /// The config text, and warnings for what could not be written (a name held twice remotely).
  public func export(_ remote: [Alias]) -> ExportResult {
    var warnings: [String] = []
    var skipped: [String] = []
    var written = Set<String>()
    var body = ""
    for alias in selected(remote) {
      let problems = AliasRules.problems(
        name: alias.name, models: alias.fallbackModels, description: alias.description)
      guard problems.isEmpty else {
        skipped.append(
          "skipped remote alias \(TerminalText.escaped(alias.name)) (id \(alias.id)): "
            + problems.joined(separator: "; "))
        continue
      }
      guard written.insert(alias.name).inserted else {
        warnings.append(
          "the remote holds more than one alias named \(alias.name); exported the first (id order)")
        continue
      }
      body += "  \(YAMLScalarQuoting.scalar(alias.name, context: .key)):\n"
      if let description = AliasContent(alias).description {
        body += "    description: \(YAMLScalarQuoting.scalar(description, context: .blockValue))\n"
      }
      body += "    models: \(Self.flowList(alias.fallbackModels))\n"
    }
    // The scope exported (everything: "*") and prune, so that removing an alias from the file
    // plans its deletion; an empty export leaves prune off (prune with no alias is refused).
    var out = "version: 1\nscope:\n"
    out += "  include: \(Self.flowList(include.map { $0.globs.map(\.pattern) } ?? ["*"]))\n"
    if !exclude.isEmpty { out += "  exclude: \(Self.flowList(exclude.globs.map(\.pattern)))\n" }
    if !body.isEmpty { out += "prune: true\n" }
    out += body.isEmpty ? "aliases: {}\n" : "aliases:\n" + body
    return ExportResult(yaml: out, count: written.count, warnings: warnings, skipped: skipped)
  }

  /// The config text; what could not be written is emitted into `diagnostics` as warnings.
  public func export(_ remote: [Alias], into diagnostics: some DiagnosticCollector) -> ExportResult {
    let result = export(remote)
    for warning in result.warnings + result.skipped { diagnostics.emit(.warning(warning)) }
    return result
  }

  static func flowList(_ items: [String]) -> String {
    "[" + items.map { YAMLScalarQuoting.scalar($0, context: .flowItem) }.joined(separator: ", ") + "]"
  }
}
