import Foundation
import OpperAPI

/// The `--state` file: aliases and custom models in creation order, rewritten whole (a
/// temporary file renamed over it) after every change. Custom models' API keys are write-only
/// in the API and are not kept at all.
struct StateFile: Sendable {
  let path: String

  /// The saved contents; empty when the file does not exist yet.
  func load() throws -> StoreContents {
    var contents = StoreContents()
    guard FileManager.default.fileExists(atPath: path) else { return contents }
    let document: StateDocument
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      document = try JSONDecoder().decode(StateDocument.self, from: data)
    } catch {
      throw EmulatorFileError(
        path: path, message: "not an emulator state file: \(EmulatorFile.describe(error))")
    }
    for alias in document.aliases { contents.aliases.put(alias) }
    for model in document.customModels { contents.customModels.put(model) }
    return contents
  }

  /// Writes a temporary file beside `path` and renames it over `path`.
  func save(_ contents: StoreContents) throws {
    let document = StateDocument(aliases: contents.aliases.all, customModels: contents.customModels.all)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(document)
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

/// The JSON shape of the state file.
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
}
