import OpalCore

/// What one file declares, with the positions the checks across files need.
struct ConfigFragment {
  /// A top-level setting and where it was set.
  struct Setting<Value> {
    var value: Value
    var location: SourceLocation
  }

  /// A name inside an alias (a hop or a `renamed_from` entry) and where it was written.
  struct NameUse {
    var name: String
    var location: SourceLocation
    /// The alias it belongs to, the alias's key holding it and its index there (nil when the
    /// key holds a single string): its key path, made only when a diagnostic needs it.
    var alias: String
    var field: String
    var index: Int?

    /// `aliases.<alias>.<field>[index]`.
    var keyPath: ConfigKeyPath {
      let path = ConfigKeyPath.alias(alias).child(field)
      return index.map { path.index($0) } ?? path
    }
  }

  /// One declared alias with the positions of its parts.
  struct DeclaredAlias {
    var spec: AliasSpec
    /// Index in `models:` of each hop, when a bad item was skipped (nil: hop i is item i).
    var hopIndices: [Int]?
    var renames: [NameUse]

    /// `aliases.<name>`.
    var keyPath: ConfigKeyPath { .alias(spec.name) }

    /// The chain's hops with their positions.
    var hops: [NameUse] {
      spec.models.indices.map { i in
        NameUse(
          name: spec.models[i],
          location: spec.location(ofModel: i) ?? SourceLocation(file: "", line: 1, column: 1),
          alias: spec.name, field: "models", index: hopIndices?[i] ?? i)
      }
    }
  }

  /// What a declared alias has beyond its spec, kept only for the few aliases that have it.
  struct AliasDetails {
    var hopIndices: [Int]?
    var renames: [NameUse]
  }

  var file: String
  var scope: Setting<Scope>?
  var prune: Setting<Bool>?
  var smokeDefaults: Setting<SmokeCase>?
  /// The `policy:` rule sets of this file.
  var policies: [CatalogPolicy] = []
  /// The declared aliases' specs in file order: the desired state can share this array.
  var specs: [AliasSpec] = []
  /// Details by index in `specs` (only aliases with renames or skipped hops have them).
  var details: [Int: AliasDetails] = [:]
  /// Every distinct model name the aliases' chains hold (the checks across files look up
  /// each name once, not each hop).
  var modelNames: [String] = []
  /// The declared routes, in file order.
  var routes: [RouteSpec] = []
  /// The declared custom models, in file order.
  var customModels: [CustomModelSpec] = []

  init(file: String) {
    self.file = file
  }

  /// The declared aliases with their details, in file order.
  var aliases: LazyMapSequence<Range<Int>, DeclaredAlias> {
    specs.indices.lazy.map { declared($0) }
  }

  /// Alias `i` with its details.
  func declared(_ i: Int) -> DeclaredAlias {
    let detail = details[i]
    return DeclaredAlias(
      spec: specs[i], hopIndices: detail?.hopIndices, renames: detail?.renames ?? [])
  }

  /// Adds a declared alias.
  mutating func append(_ alias: DeclaredAlias) {
    if alias.hopIndices != nil || !alias.renames.isEmpty {
      details[specs.count] = AliasDetails(hopIndices: alias.hopIndices, renames: alias.renames)
    }
    specs.append(alias.spec)
  }
}
