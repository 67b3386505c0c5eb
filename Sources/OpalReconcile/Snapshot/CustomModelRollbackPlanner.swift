import OpalConfig
import OpalCore
import OpperAPI

/// The custom-model half of a rollback (SPEC §15): per custom model of the snapshot, the change
/// that puts it back as the remote holds it now. One the apply created is deleted (unless
/// `scope.protect` covers it), one it deleted is created again with its recorded `identifier`
/// and `extra` (and the key when `RollbackKeys` has it), one it changed is PATCHed back. The
/// result is an ordinary `CustomModelPlan`, so it renders, fingerprints and applies like
/// apply's; `moved` names the models someone changed since the snapshot.
struct CustomModelRollbackPlanner {
  var protect: GlobSet
  var keys: RollbackKeys

  func plan(_ entries: [SnapshotCustomModel], remote: [CustomModel]) -> (
    plan: CustomModelPlan, moved: [String]
  ) {
    let names = Set(entries.map(\.name))
    let live = remote.filter { names.contains($0.name) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    var byName: [String: CustomModel] = [:]
    for model in live where byName[model.name] == nil { byName[model.name] = model }
    var changes: [CustomModelChange] = []
    var unchanged: [String] = []
    var notes: [String] = []
    var moved: [String] = []
    for entry in entries.sorted(by: { $0.name < $1.name }) {
      let now = byName[entry.name]
      let content = now.map(CustomModelContent.init)
      if content != entry.before && content != entry.after { moved.append(entry.name) }
      switch (entry.before, now) {
      case (nil, nil):
        unchanged.append(entry.name)
      case (nil, let now?):
        if protect.matches(entry.name) {
          notes.append("custom model \(entry.name) matches scope.protect: a rollback does not delete it")
          continue
        }
        changes.append(CustomModelChange(action: .delete, name: entry.name, id: now.id, before: content))
      case (let before?, nil):
        changes.append(recreate(entry.name, before))
      case (let before?, let now?):
        if content == before {
          unchanged.append(entry.name)
        } else {
          changes.append(
            CustomModelChange(action: .update, name: entry.name, id: now.id, before: content, after: before))
        }
      }
    }
    changes.sort { a, b in
      (a.action == .delete) == (b.action == .delete) ? a.name < b.name : b.action == .delete
    }
    return (
      CustomModelPlan(changes: changes, unchanged: unchanged, notes: notes, remoteSnapshot: live), moved
    )
  }

  /// A create of what the model held before, with the config's key when it was read.
  private func recreate(_ name: String, _ before: CustomModelContent) -> CustomModelChange {
    let spec = keys.values[name] == nil ? nil : keys.sources[name]
    var change = CustomModelChange(
      action: .create, name: name, after: before, key: spec?.apiKey, keyLocation: spec?.apiKeyLocation)
    if change.key == nil {
      change.notes.append(Self.withoutKeyNote(name))
    }
    return change
  }

  /// Why a re-created model has no key, and the exact fix.
  static func withoutKeyNote(_ name: String) -> String {
    "created again without a key (the API never returns keys, and no config with its readable api_key "
      + "was given); send it with `opal apply --rotate-keys \(ShellWord.quoted(name))`"
  }
}
