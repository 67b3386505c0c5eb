import OpalCore
import OpperAPI

/// `/models/custom`: the custom-model body (`name` 1–255 characters, `identifier`, an `extra`
/// object, a write-only `api_key` that is never returned: only `keys` remembers the last one
/// each model was sent, for the `/_emulator` control endpoint).
struct CustomModelResource: RoutedResource {
  let path = "models/custom"
  let keys: CustomModelKeys
  let title = "Custom model"

  func conflictMessage(_ name: String) -> String { "A custom model named '\(name)' already exists" }

  func newRecord(id: String, from fields: inout BodyFields) -> CustomModel? {
    let name = fields.string("name", required: true, minLength: 1, maxLength: 255)
    let identifier = fields.string("identifier", required: true, minLength: 1)
    let extra = fields.object("extra")
    _ = fields.string("api_key", required: false, nullable: true)
    guard fields.errors.isEmpty, let name = name ?? nil, let identifier = identifier ?? nil else {
      return nil
    }
    return CustomModel(id: id, name: name, identifier: identifier, extra: extra ?? [:])
  }

  func patch(from fields: inout BodyFields) -> CustomModelUpdate? {
    var update = CustomModelUpdate()
    update.name = fields.string("name", required: false, nullable: true, minLength: 1, maxLength: 255) ?? nil
    update.identifier = fields.string("identifier", required: false, nullable: true, minLength: 1) ?? nil
    update.extra = fields.object("extra")
    _ = fields.string("api_key", required: false, nullable: true)
    return update
  }

  func stored(_ record: CustomModel, from fields: BodyFields) async {
    if let key = fields.object["api_key"]?.stringValue { await keys.record(key, for: record.name) }
  }

  func deleted(_ record: CustomModel) async { await keys.forget(record.name) }
}
