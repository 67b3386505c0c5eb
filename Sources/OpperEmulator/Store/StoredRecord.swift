import OpperAPI

/// A record a `ResourceCollection` keeps: an id the emulator assigns and a name unique within
/// its collection, changed by a `Patch` (the API's update body). Aliases and custom models are
/// records; a new resource (dynamic routes) becomes one by conforming and adding its collection
/// to `StoreContents`.
protocol StoredRecord: Codable, Sendable, Equatable {
  associatedtype Patch: Sendable
  var id: String { get }
  var name: String { get }
  /// The name `patch` renames the record to, if it renames it.
  static func newName(in patch: Patch) -> String?
  /// The record with `patch` applied; fields the patch leaves out stay as they are.
  func applying(_ patch: Patch) -> Self
  /// The record's kind in the state file (`aliases`, `custom_models`).
  static var kind: String { get }
  /// Where the store keeps records of this kind.
  static var collection: WritableKeyPath<StoreContents, ResourceCollection<Self>> { get }
}

extension Alias: StoredRecord {
  static func newName(in patch: AliasUpdate) -> String? { patch.name }

  func applying(_ patch: AliasUpdate) -> Alias {
    var alias = self
    if let name = patch.name { alias.name = name }
    if let chain = patch.fallbackModels { alias.fallbackModels = chain }
    if let description = patch.description { alias.description = description }
    return alias
  }

  static var kind: String { "aliases" }
  static var collection: WritableKeyPath<StoreContents, ResourceCollection<Alias>> { \.aliases }
}

extension CustomModel: StoredRecord {
  static func newName(in patch: CustomModelUpdate) -> String? { patch.name }

  /// `api_key` is write-only in the API and is not kept at all.
  func applying(_ patch: CustomModelUpdate) -> CustomModel {
    var model = self
    if let name = patch.name { model.name = name }
    if let identifier = patch.identifier { model.identifier = identifier }
    if let extra = patch.extra { model.extra = extra }
    return model
  }

  static var kind: String { "custom_models" }
  static var collection: WritableKeyPath<StoreContents, ResourceCollection<CustomModel>> {
    \.customModels
  }
}
