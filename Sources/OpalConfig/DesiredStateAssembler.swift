import OpalCore

/// Joins the fragments of every file into one `DesiredState`, with the checks that need all of
/// them: an alias declared twice, settings set in two files, hops that name a declared alias,
/// and `renamed_from` names that collide.
struct DesiredStateAssembler<Collector: DiagnosticCollector> {
  private let diagnostics: Collector

  init(into diagnostics: Collector) {
    self.diagnostics = diagnostics
  }

  func assemble(_ fragments: [ConfigFragment]) -> DesiredState {
    var state = DesiredState(files: fragments.map(\.file))
    let scope = single(fragments, "scope", \.scope)
    let prune = single(fragments, "prune", \.prune)
    state.scope = scope?.value ?? Scope()
    state.prune = prune?.value ?? false
    state.smokeDefaults = single(fragments, "smoke_defaults", \.smokeDefaults)?.value
    // Rule sets add up across files: each file may hold the rules for the chains it declares.
    state.policies = fragments.flatMap(\.policies)

    // Declared names → place in the files' order (an ordinal over every fragment's specs).
    let starts = fragments.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.specs.count) }
    var declared: [String: Int] = [:]
    declared.reserveCapacity(starts[starts.count - 1])
    /// Where the alias at an ordinal was declared.
    func location(_ ordinal: Int) -> SourceLocation {
      let f = (starts.lastIndex { $0 <= ordinal } ?? 0)
      let fragment = fragments[min(f, fragments.count - 1)]
      return fragment.specs[ordinal - starts[f]].location
        ?? SourceLocation(file: fragment.file, line: 1, column: 1)
    }
    // Declarations refused as repeats, by ordinal: they are left out, and later checks skip them.
    var repeats = Set<Int>()
    for (f, fragment) in fragments.enumerated() {
      for (i, spec) in fragment.specs.enumerated() {
        let ordinal = starts[f] + i
        guard let first = declared[spec.name] else {
          declared[spec.name] = ordinal
          continue
        }
        repeats.insert(ordinal)
        let at = spec.location ?? SourceLocation(file: fragment.file, line: 1, column: 1)
        let firstAt = location(first)
        diagnostics.emit(
          .error(
            "alias '\(spec.name)' is declared twice: in \(firstAt.file) and \(at.file)",
            at: at, keyPath: fragment.declared(i).keyPath, hint: "keep one declaration",
            related: [.init(location: firstAt, message: "first declared here")]))
      }
    }
    let accepted = fragments.lazy.flatMap(\.aliases).enumerated().lazy
      .filter { !repeats.contains($0.offset) }.map(\.element)
    // Usually no model name is also an alias name: then no hop needs looking at.
    if fragments.contains(where: { $0.modelNames.contains { declared[$0] != nil } }) {
      checkHops(accepted, declared: declared, location: location)
    }
    // Only aliases with details have renames: the others need no look (nor a copy of their spec).
    var renaming: [ConfigFragment.DeclaredAlias] = []
    for (f, fragment) in fragments.enumerated() where !fragment.details.isEmpty {
      for i in fragment.details.keys.sorted() where !repeats.contains(starts[f] + i) {
        if fragment.details[i]?.renames.isEmpty == false { renaming.append(fragment.declared(i)) }
      }
    }
    checkRenames(renaming, declared: declared, location: location)
    state.routes = routes(fragments)
    state.customModels = customModels(fragments, aliases: declared, location: location)
    if fragments.count == 1 && repeats.isEmpty {
      state.aliases = fragments[0].specs  // shared, not copied
    } else {
      state.aliases.reserveCapacity(starts[starts.count - 1] - repeats.count)
      for (f, fragment) in fragments.enumerated() {
        for (i, spec) in fragment.specs.enumerated() where !repeats.contains(starts[f] + i) {
          state.aliases.append(spec)
        }
      }
    }
    ScopeCoverageCheck(diagnostics: diagnostics).check(
      state, scopeAt: scope?.location, pruneAt: prune?.location)
    return state
  }

  /// A setting that at most one file may set.
  private func single<T>(
    _ fragments: [ConfigFragment], _ key: String,
    _ field: KeyPath<ConfigFragment, ConfigFragment.Setting<T>?>
  ) -> ConfigFragment.Setting<T>? {
    var first: ConfigFragment.Setting<T>?
    for fragment in fragments {
      guard let setting = fragment[keyPath: field] else { continue }
      if let first {
        diagnostics.emit(
          .error(
            "'\(key)' is set in two files: \(first.location.file) and \(setting.location.file)",
            at: setting.location, keyPath: ConfigKeyPath.root.child(key),
            hint: "set '\(key)' in one file of the config only",
            related: [.init(location: first.location, message: "first set here")]))
      } else {
        first = setting
      }
    }
    return first
  }

  /// Hops that name a declared alias. An alias declared twice is checked in each declaration,
  /// as each is reported.
  private func checkHops(
    _ aliases: some Sequence<ConfigFragment.DeclaredAlias>, declared: [String: Int],
    location: (Int) -> SourceLocation
  ) {
    for alias in aliases where alias.spec.models.contains(where: { declared[$0] != nil }) {
      // Rare: only now are the hops made with their positions.
      for hop in alias.hops {
        guard let i = declared[hop.name] else { continue }
        diagnostics.emit(
          .error(
            "'\(hop.name)' in the chain of '\(alias.spec.name)' is an alias, "
              + "and aliases do not nest in Opper",
            at: hop.location, keyPath: hop.keyPath,
            hint: "list the models of '\(hop.name)' instead (a YAML anchor can share them)",
            related: [.init(location: location(i), message: "'\(hop.name)' is declared here")]))
      }
    }
  }

  private func checkRenames(
    _ aliases: some Sequence<ConfigFragment.DeclaredAlias>, declared: [String: Int],
    location: (Int) -> SourceLocation
  ) {
    var renamedBy: [String: (String, SourceLocation)] = [:]
    for alias in aliases {
      for rename in alias.renames {
        if let i = declared[rename.name] {
          diagnostics.emit(
            .error(
              "'\(alias.spec.name)' is renamed from '\(rename.name)', "
                + "which this config also declares as an alias",
              at: rename.location, keyPath: rename.keyPath,
              hint: "drop '\(rename.name)' from renamed_from, or stop declaring it",
              related: [
                .init(location: location(i), message: "'\(rename.name)' is declared here")
              ]))
          continue
        }
        if let (other, otherAt) = renamedBy[rename.name] {
          diagnostics.emit(
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

  /// Every fragment's routes; a route declared twice is reported and its repeat left out.
  private func routes(_ fragments: [ConfigFragment]) -> [RouteSpec] {
    declaredOnce(
      fragments, \.routes, kind: "route", name: \.name, location: \.location,
      keyPath: { ConfigKeyPath.root.child("routes").child($0.name) })
  }

  /// Every fragment's custom models; one declared twice, or under the name of a declared alias,
  /// is reported and left out.
  private func customModels(
    _ fragments: [ConfigFragment], aliases: [String: Int], location: (Int) -> SourceLocation
  ) -> [CustomModelSpec] {
    declaredOnce(
      fragments, \.customModels, kind: "custom model", name: \.name, location: \.location, keyPath: \.keyPath
    ) { model, at in
      guard let alias = aliases[model.name] else { return true }
      diagnostics.emit(
        .error(
          "'\(model.name)' is declared both as a custom model and as an alias", at: at,
          keyPath: model.keyPath, hint: "a chain names models; give the custom model another name",
          related: [.init(location: location(alias), message: "the alias is declared here")]))
      return false
    }
  }

  /// Every fragment's declarations of one kind in file order: a name declared again is reported
  /// ("declared twice", with both places) and its repeat left out, as is one `accept` refuses.
  private func declaredOnce<Item>(
    _ fragments: [ConfigFragment], _ items: KeyPath<ConfigFragment, [Item]>, kind: String,
    name: (Item) -> String, location: (Item) -> SourceLocation?, keyPath: (Item) -> ConfigKeyPath,
    accept: (Item, SourceLocation) -> Bool = { _, _ in true }
  ) -> [Item] {
    var out: [Item] = []
    var firstAt: [String: SourceLocation] = [:]
    for fragment in fragments {
      for item in fragment[keyPath: items] {
        let at = location(item) ?? SourceLocation(file: fragment.file, line: 1, column: 1)
        if let first = firstAt[name(item)] {
          diagnostics.emit(
            .error(
              "\(kind) '\(name(item))' is declared twice: in \(first.file) and \(at.file)", at: at,
              keyPath: keyPath(item), hint: "keep one declaration",
              related: [.init(location: first, message: "first declared here")]))
          continue
        }
        guard accept(item, at) else { continue }
        firstAt[name(item)] = at
        out.append(item)
      }
    }
    return out
  }
}
