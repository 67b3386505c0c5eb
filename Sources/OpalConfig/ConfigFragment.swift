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
    var keyPath: String {
      let path = ConfigKeyPath.child(ConfigKeyPath.child("aliases", alias), field)
      return index.map { ConfigKeyPath.index(path, $0) } ?? path
    }
  }

  /// One declared alias with the positions of its parts.
  struct DeclaredAlias {
    var spec: AliasSpec
    /// Index in `models:` of each hop, when a bad item was skipped (nil: hop i is item i).
    var hopIndices: [Int]?
    var renames: [NameUse]

    /// `aliases.<name>`.
    var keyPath: String { ConfigKeyPath.child("aliases", spec.name) }

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

  var file: String
  var scope: Setting<Scope>?
  var prune: Setting<Bool>?
  var smokeDefaults: Setting<SmokeCase>?
  var aliases: [DeclaredAlias] = []
  /// Every distinct model name the aliases' chains hold (the checks across files look up
  /// each name once, not each hop).
  var modelNames: [String] = []

  init(file: String) {
    self.file = file
  }
}
