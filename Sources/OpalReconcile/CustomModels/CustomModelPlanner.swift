import OpalConfig
import OpalCore
import OpperAPI

/// Diffs the declared custom models against the remote ones the file owns (SPEC §15), the way
/// aliases are diffed: create when absent (sending the key), update when `identifier` or
/// `extra` differs, delete in-scope undeclared ones with `prune` unless `scope.protect` matches,
/// and, for the names `rotateKeys` selects, send the key again. Nothing is written.
public struct CustomModelPlanner: Sendable {
  public init() {}

  /// `rotateKeys`: nil rotates nothing, an empty list every declared model, else the models
  /// these globs match.
  /// `targets` (`--target` globs), when not empty, keep only the changes they match. `aliases`
  /// (every remote alias) name the chains a delete would leave naming a model that is gone.
  public func plan(
    desired: DesiredState, remote: [CustomModel], rotateKeys: [String]? = nil, targets: [String] = [],
    aliases: [Alias] = []
  ) -> CustomModelPlan {
    let ownership = desired.customModelOwnership()
    let inScope = remote.filter { ownership.owns($0.name) }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    var byName: [String: CustomModel] = [:]
    for model in inScope where byName[model.name] == nil { byName[model.name] = model }
    let rotating = rotateKeys.map { patterns in patterns.isEmpty ? nil : try? GlobSet(patterns: patterns) }
    var changes: [CustomModelChange] = []
    var unchanged: [String] = []
    var notes: [String] = []
    for spec in desired.customModels.sorted(by: { $0.name < $1.name }) {
      let want = CustomModelContent(spec)
      guard let have = byName[spec.name] else {
        var change = CustomModelChange(
          action: .create, name: spec.name, after: want, key: spec.apiKey, keyLocation: spec.apiKeyLocation)
        if spec.apiKey == nil { change.notes.append("registered without a key (no api_key)") }
        changes.append(change)
        continue
      }
      let rotate = rotating.map { globs in globs?.matches(spec.name) ?? true } ?? false
      if rotate && spec.apiKey == nil {
        notes.append("\(spec.name) has no api_key in the config: there is no key to rotate")
      }
      let sends = rotate && spec.apiKey != nil
      let before = CustomModelContent(have)
      if before == want && !sends {
        unchanged.append(spec.name)
        continue
      }
      changes.append(
        CustomModelChange(
          action: before == want ? .rotateKey : .update, name: spec.name, id: have.id, before: before,
          after: want, key: sends ? spec.apiKey : nil, keyLocation: sends ? spec.apiKeyLocation : nil))
    }
    for pattern in rotateKeys ?? [] {
      guard let glob = try? GlobSet(patterns: [pattern]) else { continue }
      if !desired.customModels.contains(where: { glob.matches($0.name) }) {
        notes.append("--rotate-keys \(pattern) matches no declared custom model")
      }
    }
    let pruned = PruneSelection(
      inScope: inScope, declared: Set(desired.customModels.map(\.name)), desired: desired,
      noun: "custom model", name: \.name)
    notes += pruned.notes
    for model in pruned.deletes {
      var change = CustomModelChange(
        action: .delete, name: model.name, id: model.id, before: CustomModelContent(model))
      let users = aliases.filter { $0.fallbackModels.contains(model.name) }.map(\.name).sorted()
      if !users.isEmpty {
        change.notes.append(
          "still in the chain of \(users.prefix(5).joined(separator: ", "))\(users.count > 5 ? ", …" : ""): "
            + "deleted after the aliases are written")
      }
      changes.append(change)
    }
    if !targets.isEmpty, let globs = try? GlobSet(patterns: targets) {
      changes = changes.filter { globs.matches($0.name) }
      unchanged = unchanged.filter(globs.matches)
    }
    changes.sort { a, b in
      (a.action == .delete) == (b.action == .delete) ? a.name < b.name : b.action == .delete
    }
    return CustomModelPlan(changes: changes, unchanged: unchanged, notes: notes, remoteSnapshot: inScope)
  }
}
