import OpalCore

/// Joins the fragments of every file into one `DesiredState`, with the checks that need all of
/// them: an alias declared twice, settings set in two files, hops that name a declared alias,
/// and `renamed_from` names that collide.
struct DesiredStateAssembler {
  private(set) var diagnostics: [Diagnostic] = []

  mutating func assemble(_ fragments: [ConfigFragment]) -> DesiredState {
    var state = DesiredState(files: fragments.map(\.file))
    state.scope = single(fragments, "scope", \.scope) ?? Scope()
    state.prune = single(fragments, "prune", \.prune) ?? false
    state.smokeDefaults = single(fragments, "smoke_defaults", \.smokeDefaults)

    // Declared names → index in `aliases`; most configs are one large file, so no alias is
    // copied more than once on its way into the state.
    let total = fragments.reduce(0) { $0 + $1.aliases.count }
    var declared: [String: Int] = [:]
    declared.reserveCapacity(total)
    var aliases: [AliasSpec] = []
    aliases.reserveCapacity(total)
    var firstAt: [SourceLocation] = []
    firstAt.reserveCapacity(total)
    // Declarations refused as repeats, by their place in the files' order: later checks skip them.
    var repeats = Set<Int>()
    var ordinal = -1
    for fragment in fragments {
      for alias in fragment.aliases {
        ordinal += 1
        let at = alias.spec.location ?? SourceLocation(file: fragment.file, line: 1, column: 1)
        if let i = declared[alias.spec.name] {
          repeats.insert(ordinal)
          let first = firstAt[i]
          diagnostics.append(
            .error(
              "alias '\(alias.spec.name)' is declared twice: in \(first.file) and \(at.file)",
              at: at, keyPath: alias.keyPath, hint: "keep one declaration",
              related: [.init(location: first, message: "first declared here")]))
          continue
        }
        declared[alias.spec.name] = aliases.count
        aliases.append(alias.spec)
        firstAt.append(at)
      }
    }
    let accepted = fragments.lazy.flatMap(\.aliases).enumerated().lazy
      .filter { !repeats.contains($0.offset) }.map(\.element)
    // Usually no model name is also an alias name: then no hop needs looking at.
    if fragments.contains(where: { $0.modelNames.contains { declared[$0] != nil } }) {
      checkHops(accepted, declared: declared, firstAt: firstAt)
    }
    checkRenames(accepted, declared: declared, firstAt: firstAt)
    state.aliases = aliases
    return state
  }

  /// A setting that at most one file may set.
  private mutating func single<T>(
    _ fragments: [ConfigFragment], _ key: String,
    _ field: KeyPath<ConfigFragment, ConfigFragment.Setting<T>?>
  ) -> T? {
    var first: ConfigFragment.Setting<T>?
    for fragment in fragments {
      guard let setting = fragment[keyPath: field] else { continue }
      if let first {
        diagnostics.append(
          .error(
            "'\(key)' is set in two files: \(first.location.file) and \(setting.location.file)",
            at: setting.location, keyPath: key,
            hint: "set '\(key)' in one file of the config only",
            related: [.init(location: first.location, message: "first set here")]))
      } else {
        first = setting
      }
    }
    return first?.value
  }

  /// Hops that name a declared alias. An alias declared twice is checked in each declaration,
  /// as each is reported.
  private mutating func checkHops(
    _ aliases: some Sequence<ConfigFragment.DeclaredAlias>, declared: [String: Int],
    firstAt: [SourceLocation]
  ) {
    for alias in aliases where alias.spec.models.contains(where: { declared[$0] != nil }) {
      // Rare: only now are the hops made with their positions.
      for hop in alias.hops {
        guard let i = declared[hop.name] else { continue }
        diagnostics.append(
          .error(
            "'\(hop.name)' in the chain of '\(alias.spec.name)' is an alias, "
              + "and aliases do not nest in Opper",
            at: hop.location, keyPath: hop.keyPath,
            hint: "list the models of '\(hop.name)' instead (a YAML anchor can share them)",
            related: [.init(location: firstAt[i], message: "'\(hop.name)' is declared here")]))
      }
    }
  }

  private mutating func checkRenames(
    _ aliases: some Sequence<ConfigFragment.DeclaredAlias>, declared: [String: Int],
    firstAt: [SourceLocation]
  ) {
    var renamedBy: [String: (String, SourceLocation)] = [:]
    for alias in aliases {
      for rename in alias.renames {
        if let i = declared[rename.name] {
          diagnostics.append(
            .error(
              "'\(alias.spec.name)' is renamed from '\(rename.name)', "
                + "which this config also declares as an alias",
              at: rename.location, keyPath: rename.keyPath,
              hint: "drop '\(rename.name)' from renamed_from, or stop declaring it",
              related: [
                .init(location: firstAt[i], message: "'\(rename.name)' is declared here")
              ]))
          continue
        }
        if let (other, otherAt) = renamedBy[rename.name] {
          diagnostics.append(
            .error(
              "'\(rename.name)' is renamed to both '\(other)' and '\(alias.spec.name)'",
              at: rename.location, keyPath: rename.keyPath,
              hint: "an old name can be renamed to one alias only",
              related: [.init(location: otherAt, message: "renamed to '\(other)' here")]))
          continue
        }
        renamedBy[rename.name] = (alias.spec.name, rename.location)
      }
    }
  }
}
