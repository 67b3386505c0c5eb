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
    var keyPath: String
  }

  /// One declared alias with the positions of its parts.
  struct DeclaredAlias {
    var spec: AliasSpec
    var keyPath: String
    var hops: [NameUse]
    var renames: [NameUse]
  }

  var file: String
  var scope: Setting<Scope>?
  var prune: Setting<Bool>?
  var smokeDefaults: Setting<SmokeCase>?
  var aliases: [DeclaredAlias] = []

  init(file: String) {
    self.file = file
  }
}
