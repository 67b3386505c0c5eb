import Foundation
import OpalCore
import OpperAPI

/// Everything the store keeps: one collection per resource.
struct StoreContents: Sendable {
  var aliases = ResourceCollection<Alias>()
  var customModels = ResourceCollection<CustomModel>()
  var dynamicRoutes = ResourceCollection<DynamicRouteRecord>()
}

/// The organization's mutable resources (aliases, custom models and dynamic routes, each a
/// `ResourceCollection`) behind one actor, with the checks that span resources (a chain must
/// name models) and optional persistence to a `--state` file.
actor ResourceStore {
  private var contents = StoreContents()
  private let catalogNames: Set<String>
  private let catalogList: [String]
  private let stateFile: StateFile?

  init(catalog: [LanguageModel], statePath: String?) throws {
    catalogList = catalog.map(\.name)
    catalogNames = Set(catalogList)
    let stateFile = statePath.map { StateFile(path: $0) }
    self.stateFile = stateFile
    contents = try stateFile?.open() ?? StoreContents()
  }

  // MARK: Records of any resource

  /// Adds a new record, unless its name is taken.
  func create<Record: StoredRecord>(_ record: Record) -> Result<Record, StoreFailure> {
    let result = contents[keyPath: Record.collection].insert(record)
    if case .success = result { persist(.saved(record)) }
    return result
  }

  /// Applies a patch to the record with `id` (404 unknown, 409 renamed onto a taken name).
  func update<Record: StoredRecord>(
    _ type: Record.Type, id: String, _ patch: Record.Patch
  ) -> Result<Record, StoreFailure> {
    let result = contents[keyPath: Record.collection].update(id: id, patch)
    if case .success(let updated) = result { persist(.saved(updated)) }
    return result
  }

  /// Deletes the record with `id`; false when there is none.
  func delete<Record: StoredRecord>(_ type: Record.Type, id: String) -> Bool {
    guard contents[keyPath: Record.collection].remove(id: id) != nil else { return false }
    persist(StateChange<Record>.deleted(id: id))
    return true
  }

  func page<Record: StoredRecord>(_ type: Record.Type, offset: Int, limit: Int) -> Page<Record> {
    contents[keyPath: Record.collection].page(offset: offset, limit: limit)
  }

  func record<Record: StoredRecord>(_ type: Record.Type, id: String) -> Record? {
    contents[keyPath: Record.collection].record(id: id)
  }

  func record<Record: StoredRecord>(_ type: Record.Type, named name: String) -> Record? {
    contents[keyPath: Record.collection].record(named: name)
  }

  func contains<Record: StoredRecord>(_ type: Record.Type, named name: String) -> Bool {
    contents[keyPath: Record.collection].contains(name: name)
  }

  /// Runs `body` on the record named `name` (nil when there is none) as one step, so that no
  /// other request sees or changes the record in between (a deploy checks its preconditions
  /// and publishes under this lock). The record `body` leaves is saved: created, replaced, or
  /// (left nil) removed.
  func transact<Record: StoredRecord, Outcome: Sendable>(
    _ type: Record.Type, named name: String, _ body: @Sendable (inout Record?) -> Outcome
  ) -> Outcome {
    let before = contents[keyPath: Record.collection].record(named: name)
    var record = before
    let outcome = body(&record)
    guard record != before else { return outcome }
    if let record {
      if let before, before.id != record.id {
        contents[keyPath: Record.collection].remove(id: before.id)
        persist(StateChange<Record>.deleted(id: before.id))
      }
      contents[keyPath: Record.collection].put(record)
      persist(.saved(record))
    } else if let before {
      contents[keyPath: Record.collection].remove(id: before.id)
      persist(StateChange<Record>.deleted(id: before.id))
    }
    return outcome
  }

  /// Every record of a kind, in creation order.
  func all<Record: StoredRecord>(_ type: Record.Type) -> [Record] { contents[keyPath: Record.collection].all }

  // MARK: Resolution

  /// True for a catalog model or a custom model.
  func isModel(_ name: String) -> Bool {
    catalogNames.contains(name) || contents.customModels.contains(name: name)
  }

  func alias(named name: String) -> Alias? { contents.aliases.record(named: name) }

  /// What a route graph's checks need: every model name (catalog and custom) and every alias.
  func routeGraphValidator() -> RouteGraphValidator {
    RouteGraphValidator(
      models: catalogNames.union(contents.customModels.names), aliases: Set(contents.aliases.names))
  }

  /// Problems of a chain: entries that are aliases, or neither catalog nor custom models.
  func chainProblems(_ chain: [String]) -> [ChainProblem] {
    var problems: [ChainProblem] = []
    for (index, entry) in chain.enumerated() where !isModel(entry) {
      if contents.aliases.contains(name: entry) {
        problems.append(ChainProblem(index: index, name: entry, isAlias: true, suggestions: []))
      } else {
        problems.append(
          ChainProblem(index: index, name: entry, isAlias: false, suggestions: suggestions(for: entry)))
      }
    }
    return problems
  }

  /// The nearest model names (catalog and custom) to a misspelt one.
  func suggestions(for name: String) -> [String] {
    NearestNames.suggest(name, from: catalogList + contents.customModels.names)
  }

  // MARK: Persistence

  /// Appends the change to the `--state` journal before the change is answered (the journal
  /// compacts itself once it outgrows its snapshot). A failed write is said on stderr; the change
  /// stays in memory and is answered.
  private func persist<Record: StoredRecord>(_ change: StateChange<Record>) {
    guard let stateFile else { return }
    do {
      try stateFile.record(change, contents: contents)
    } catch {
      FileHandle.standardError.write(
        Data("emulator: cannot write state to \(stateFile.path): \(error)\n".utf8))
    }
  }
}

/// One chain entry that create/update refuses.
struct ChainProblem: Sendable, Equatable {
  var index: Int
  var name: String
  var isAlias: Bool
  var suggestions: [String]
}
