import OpalConfig
import OpalCore
import OpalReconcile

/// The keys a rollback may send (SPEC §15): the API never returns a key, so a custom model the
/// apply deleted is created again with the key its config declares (`{env:}` / `{file:}`),
/// when a config is at hand and the key can be read. Every re-create that goes without one is
/// a warning with the exact fix.
struct RollbackKeyReader {
  var io: CommandOutput
  /// Why a model's key is not at hand, by name.
  private(set) var missing: [String: String] = [:]

  init(io: CommandOutput) { self.io = io }

  /// The keys of the snapshot's custom models that existed before the apply (the ones a
  /// rollback may create again), from `desired` (nil: no config was given).
  mutating func keys(for snapshot: Snapshot, desired: DesiredState?) -> RollbackKeys {
    let existed = (snapshot.customModels ?? []).filter { $0.before != nil }.map(\.name)
    guard !existed.isEmpty else { return RollbackKeys() }
    guard let desired else {
      for name in existed { missing[name] = "no config was given with -f" }
      return RollbackKeys()
    }
    let declared = Dictionary(desired.customModels.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let resolver = KeyResolver(environment: io.context.environment)
    var keys = RollbackKeys()
    for name in existed {
      guard let spec = declared[name], spec.apiKey != nil else {
        missing[name] = "the config given declares no api_key for it"
        continue
      }
      switch resolver.key(for: spec) {
      case .success(let key?):
        keys.sources[name] = spec
        keys.values[name] = key
      case .success(nil):
        missing[name] = "the config given declares no api_key for it"
      case .failure(let problem):
        missing[name] = problem.diagnostic.message
      }
    }
    return keys
  }

  /// A warning per custom model the plan creates again without a key.
  func warn(about plan: Plan) {
    for change in plan.customModels?.changes(.create) ?? [] where !change.sendsKey {
      io.diagnostics.emit(
        .warning(
          "custom model \(change.name) is created again without its key (\(missing[change.name] ?? "no key at hand"))",
          hint: "send its key afterwards with `opal apply --rotate-keys \(ShellWord.quoted(change.name))`"))
    }
  }
}
