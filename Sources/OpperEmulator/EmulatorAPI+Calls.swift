import Foundation
import Hummingbird
import OpalCore
import OpperAPI

/// `POST /call`: body validation in FastAPI's shape, then the call engine.
extension EmulatorAPI {
  func call(_ request: Incoming) async -> Response {
    var fields: BodyFields
    switch BodyFields.parse(request.body) {
    case .failure(let errors): return errors.response
    case .success(let f): fields = f
    }
    _ = fields.string("name", required: true, minLength: 1)
    _ = fields.string("instructions", required: false, nullable: true)
    if let model = fields.object["model"], model != .null, !Self.isModelField(model) {
      fields.errors.add(
        [.string("body"), .string("model")],
        "Input should be a model name, an object with a name, or a list of them",
        "model_type", input: model)
    }
    for key in ["input_schema", "output_schema", "configuration", "tags"] {
      _ = fields.object(key)
    }
    if let examples = fields.object["examples"], examples != .null, examples.arrayValue == nil {
      fields.errors.add(
        [.string("body"), .string("examples")], "Input should be a valid list", "list_type", input: examples)
    }
    guard fields.errors.isEmpty else { return fields.errors.response }
    let decoded: CallRequest
    do {
      decoded = try JSONDecoder().decode(CallRequest.self, from: Data(request.body.readableBytesView))
    } catch {
      var errors = ValidationErrors()
      errors.add([.string("body")], EmulatorFile.describe(error), "value_error")
      return errors.response
    }
    return await calls.run(decoded)
  }

  private static func isModelField(_ value: JSONValue) -> Bool {
    func isEntry(_ v: JSONValue) -> Bool {
      if v.stringValue != nil { return true }
      guard let o = v.objectValue, o["name"]?.stringValue != nil else { return false }
      if let options = o["options"], options != .null, options.objectValue == nil { return false }
      return true
    }
    if let list = value.arrayValue { return !list.isEmpty && list.allSatisfy(isEntry) }
    return isEntry(value)
  }
}
