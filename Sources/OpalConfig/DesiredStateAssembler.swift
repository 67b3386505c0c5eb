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

    var declared: [String: (SourceLocation, String)] = [:]
    var aliases: [ConfigFragment.DeclaredAlias] = []
    for fragment in fragments {
      for alias in fragment.aliases {
        let at = alias.spec.location ?? SourceLocation(file: fragment.file, line: 1, column: 1)
        if let (first, _) = declared[alias.spec.name] {
          diagnostics.append(
            .error(
              "alias '\(alias.spec.name)' is declared twice: in \(first.file) and \(at.file)",
              at: at, keyPath: alias.keyPath, hint: "keep one declaration",
              related: [.init(location: first, message: "first declared here")]))
          continue
        }
        declared[alias.spec.name] = (at, fragment.file)
        aliases.append(alias)
      }
    }
    checkHops(aliases, declared: declared)
    checkRenames(aliases, declared: declared)
    state.aliases = aliases.map(\.spec)
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

  private mutating func checkHops(
    _ aliases: [ConfigFragment.DeclaredAlias], declared: [String: (SourceLocation, String)]
  ) {
    for alias in aliases {
      for hop in alias.hops {
        guard let (target, _) = declared[hop.name] else { continue }
        diagnostics.append(
          .error(
            "'\(hop.name)' in the chain of '\(alias.spec.name)' is an alias, "
              + "and aliases do not nest in Opper",
            at: hop.location, keyPath: hop.keyPath,
            hint: "list the models of '\(hop.name)' instead (a YAML anchor can share them)",
            related: [.init(location: target, message: "'\(hop.name)' is declared here")]))
      }
    }
  }

  private mutating func checkRenames(
    _ aliases: [ConfigFragment.DeclaredAlias], declared: [String: (SourceLocation, String)]
  ) {
    var renamedBy: [String: (String, SourceLocation)] = [:]
    for alias in aliases {
      for rename in alias.renames {
        if let (target, _) = declared[rename.name] {
          diagnostics.append(
            .error(
              "'\(alias.spec.name)' is renamed from '\(rename.name)', "
                + "which this config also declares as an alias",
              at: rename.location, keyPath: rename.keyPath,
              hint: "drop '\(rename.name)' from renamed_from, or stop declaring it",
              related: [.init(location: target, message: "'\(rename.name)' is declared here")]))
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
