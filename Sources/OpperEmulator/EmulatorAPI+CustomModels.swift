import Hummingbird
import OpalCore
import OpperAPI

/// `/models/custom`: register, list, read, update and delete custom models.
extension EmulatorAPI {
  func customModelRoute(_ request: Incoming, rest: [String]) async -> Response {
    let m = request.method
    switch rest.count {
    case 0:
      if m == "POST" { return await createCustomModel(request.body) }
      if m == "GET" {
        switch Self.paging(request.query) {
        case .failure(let errors): return errors.response
        case .success(let (offset, limit)):
          return APIReply.json(await store.listCustomModels(offset: offset, limit: limit))
        }
      }
      return methodNotAllowed(m)
    case _ where rest[0] == "by-name" && rest.count >= 2:
      guard m == "GET" else { return methodNotAllowed(m) }
      let name = Self.decode(rest.dropFirst().joined(separator: "/"))
      guard let model = await store.customModel(named: name) else {
        return APIReply.notFound("Custom model '\(name)' not found")
      }
      return APIReply.json(model)
    case 1:
      let id = Self.decode(rest[0])
      switch m {
      case "GET":
        guard let model = await store.customModel(id: id) else {
          return APIReply.notFound("Custom model not found")
        }
        return APIReply.json(model)
      case "PATCH": return await updateCustomModel(id: id, body: request.body)
      case "DELETE":
        return await store.deleteCustomModel(id: id)
          ? APIReply.noContent() : APIReply.notFound("Custom model not found")
      default: return methodNotAllowed(m)
      }
    default:
      return APIReply.notFound("Not Found")
    }
  }

  private func createCustomModel(_ body: ByteBuffer) async -> Response {
    var fields: BodyFields
    switch BodyFields.parse(body) {
    case .failure(let errors): return errors.response
    case .success(let f): fields = f
    }
    let name = fields.string("name", required: true, minLength: 1, maxLength: 255)
    let identifier = fields.string("identifier", required: true, minLength: 1)
    let extra = fields.object("extra")
    _ = fields.string("api_key", required: false, nullable: true)
    guard fields.errors.isEmpty, let name = name ?? nil, let identifier = identifier ?? nil else {
      return fields.errors.response
    }
    switch await store.createCustomModel(CustomModelCreate(name: name, identifier: identifier, extra: extra))
    {
    case .success(let model): return APIReply.json(model)
    case .failure: return APIReply.conflict("A custom model named '\(name)' already exists")
    }
  }

  private func updateCustomModel(id: String, body: ByteBuffer) async -> Response {
    var fields: BodyFields
    switch BodyFields.parse(body) {
    case .failure(let errors): return errors.response
    case .success(let f): fields = f
    }
    var update = CustomModelUpdate()
    update.name = fields.string("name", required: false, nullable: true, minLength: 1, maxLength: 255) ?? nil
    update.identifier = fields.string("identifier", required: false, nullable: true, minLength: 1) ?? nil
    update.extra = fields.object("extra")
    _ = fields.string("api_key", required: false, nullable: true)
    guard fields.errors.isEmpty else { return fields.errors.response }
    switch await store.updateCustomModel(id: id, update) {
    case .success(let model): return APIReply.json(model)
    case .failure(.notFound): return APIReply.notFound("Custom model not found")
    case .failure(.conflict(let name)):
      return APIReply.conflict("A custom model named '\(name)' already exists")
    }
  }
}
