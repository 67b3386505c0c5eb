import OpalConfig

/// The prune rule that routes and custom models share with aliases (SPEC §4): a remote resource
/// the file owns but no longer declares is deleted when `prune` is on, unless `scope.protect`
/// matches its name, in which case it is kept and the plan says so in a note.
struct PruneSelection<Resource> {
  /// The undeclared resources to delete, in the order given.
  var deletes: [Resource] = []
  /// One note per protected resource that is kept.
  var notes: [String] = []

  /// `inScope` are the remote resources the file owns; `noun` names the kind in the notes
  /// ("route", "custom model").
  init(
    inScope: [Resource], declared: Set<String>, desired: DesiredState, noun: String,
    name: (Resource) -> String
  ) {
    guard desired.prune else { return }
    for resource in inScope where !declared.contains(name(resource)) {
      if desired.isProtected(name(resource)) {
        notes.append("\(noun) \(name(resource)) is no longer declared but matches scope.protect: it is kept")
      } else {
        deletes.append(resource)
      }
    }
  }
}
