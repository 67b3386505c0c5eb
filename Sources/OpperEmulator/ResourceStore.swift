import Foundation
import OpalCore
import OpperAPI

/// The organization's mutable resources — aliases and custom models — with the invariants the
/// API enforces (unique names) and optional persistence to a `--state` file.
actor ResourceStore {
  enum Failure: Error, Equatable {
    case notFound
    case conflict(String)
  }

  private var aliases = OrderedRecords<Alias>(id: { $0.id }, name: { $0.name })
  private var customModels = OrderedRecords<CustomModel>(id: { $0.id }, name: { $0.name })
  private let catalogNames: Set<String>
  private let catalogList: [String]
  private let statePath: String?

  init(catalog: [LanguageModel], statePath: String?) throws {
    catalogList = catalog.map(\.name)
    catalogNames = Set(catalogList)
    self.statePath = statePath
    if let statePath, FileManager.default.fileExists(atPath: statePath) {
      let document = try StateDocument.load(path: statePath)
      for alias in document.aliases { aliases.append(alias) }
      for model in document.customModels { customModels.append(model) }
    }
  }

  // MARK: Aliases

  func createAlias(_ body: AliasCreate) -> Result<Alias, Failure> {
    if aliases.contains(name: body.name) { return .failure(.conflict(body.name)) }
    let alias = Alias(
      id: UUID().uuidString.lowercased(), name: body.name, fallbackModels: body.fallbackModels,
      description: body.description)
    aliases.append(alias)
    persist()
    return .success(alias)
  }

  func listAliases(offset: Int, limit: Int) -> Page<Alias> {
    Page(totalCount: aliases.count, data: aliases.page(offset: offset, limit: limit))
  }

  func alias(id: String) -> Alias? { aliases.record(id: id) }

  func alias(named name: String) -> Alias? { aliases.record(named: name) }

  func updateAlias(id: String, _ update: AliasUpdate) -> Result<Alias, Failure> {
    guard var alias = aliases.record(id: id) else { return .failure(.notFound) }
    if let name = update.name, name != alias.name {
      if aliases.contains(name: name) { return .failure(.conflict(name)) }
      alias.name = name
    }
    if let chain = update.fallbackModels { alias.fallbackModels = chain }
    if let description = update.description { alias.description = description }
    aliases.replace(alias)
    persist()
    return .success(alias)
  }

  func deleteAlias(id: String) -> Bool {
    guard aliases.remove(id: id) != nil else { return false }
    persist()
    return true
  }

  // MARK: Custom models

  func createCustomModel(_ body: CustomModelCreate) -> Result<CustomModel, Failure> {
    if customModels.contains(name: body.name) { return .failure(.conflict(body.name)) }
    let model = CustomModel(
      id: UUID().uuidString.lowercased(), name: body.name, identifier: body.identifier,
      extra: body.extra ?? [:])
    customModels.append(model)
    persist()
    return .success(model)
  }

  func listCustomModels(offset: Int, limit: Int) -> Page<CustomModel> {
    Page(totalCount: customModels.count, data: customModels.page(offset: offset, limit: limit))
  }

  func customModel(id: String) -> CustomModel? { customModels.record(id: id) }

  func customModel(named name: String) -> CustomModel? { customModels.record(named: name) }

  func updateCustomModel(id: String, _ update: CustomModelUpdate) -> Result<CustomModel, Failure> {
    guard var model = customModels.record(id: id) else { return .failure(.notFound) }
    if let name = update.name, name != model.name {
      if customModels.contains(name: name) { return .failure(.conflict(name)) }
      model.name = name
    }
    if let identifier = update.identifier { model.identifier = identifier }
    if let extra = update.extra { model.extra = extra }
    customModels.replace(model)
    persist()
    return .success(model)
  }

  func deleteCustomModel(id: String) -> Bool {
    guard customModels.remove(id: id) != nil else { return false }
    persist()
    return true
  }

  // MARK: Resolution

  /// True for a catalog model or a custom model.
  func isModel(_ name: String) -> Bool { catalogNames.contains(name) || customModels.contains(name: name) }

  /// Problems of a chain: entries that are aliases, or neither catalog nor custom models.
  func chainProblems(_ chain: [String]) -> [ChainProblem] {
    var problems: [ChainProblem] = []
    for (index, entry) in chain.enumerated() where !isModel(entry) {
      if aliases.contains(name: entry) {
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
    NearestNames.suggest(name, from: catalogList + Array(customModels.names))
  }

  // MARK: Persistence

  private func persist() {
    guard let statePath else { return }
    let document = StateDocument(aliases: aliases.all, customModels: customModels.all)
    do {
      try document.write(path: statePath)
    } catch {
      FileHandle.standardError.write(Data("emulator: cannot write state to \(statePath): \(error)\n".utf8))
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

/// The `--state` file: aliases and custom models in creation order (custom models' API keys
/// are write-only in the API and are not kept at all).
struct StateDocument: Codable, Sendable {
  var version = 1
  var aliases: [Alias]
  var customModels: [CustomModel]

  init(aliases: [Alias], customModels: [CustomModel]) {
    self.aliases = aliases
    self.customModels = customModels
  }

  enum CodingKeys: String, CodingKey {
    case version, aliases
    case customModels = "custom_models"
  }

  static func load(path: String) throws -> StateDocument {
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      return try JSONDecoder().decode(StateDocument.self, from: data)
    } catch {
      throw EmulatorFileError(
        path: path, message: "not an emulator state file: \(EmulatorFile.describe(error))")
    }
  }

  /// Writes a temporary file beside `path` and renames it over `path`.
  func write(path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(self)
    let url = URL(fileURLWithPath: path)
    let temp = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    try data.write(to: temp)
    if rename(temp.path, url.path) != 0 {
      let code = errno
      try? FileManager.default.removeItem(at: temp)
      throw EmulatorFileError(path: path, message: "rename failed: \(String(cString: strerror(code)))")
    }
  }
}
