import Hummingbird
import OpalCore
import OpperAPI

/// `/models/aliases`: the six alias operations.
extension EmulatorAPI {
  func aliasRoute(_ request: Incoming, rest: [String]) async -> Response {
    let m = request.method
    switch rest.count {
    case 0:
      if m == "POST" { return await createAlias(request.body) }
      if m == "GET" { return await listAliases(request.query) }
      return methodNotAllowed(m)
    case _ where rest[0] == "by-name" && rest.count >= 2:
      guard m == "GET" else { return methodNotAllowed(m) }
      let name = Self.decode(rest.dropFirst().joined(separator: "/"))
      guard let alias = await store.alias(named: name) else {
        return APIReply.notFound("Alias '\(name)' not found")
      }
      return APIReply.json(alias)
    case 1:
      let id = Self.decode(rest[0])
      switch m {
      case "GET":
        guard let alias = await store.alias(id: id) else { return APIReply.notFound("Alias not found") }
        return APIReply.json(alias)
      case "PATCH": return await updateAlias(id: id, body: request.body)
      case "DELETE":
        return await store.deleteAlias(id: id) ? APIReply.noContent() : APIReply.notFound("Alias not found")
      default: return methodNotAllowed(m)
      }
    default:
      return APIReply.notFound("Not Found")
    }
  }

  private func listAliases(_ query: [String: String]) async -> Response {
    switch Self.paging(query) {
    case .failure(let errors): return errors.response
    case .success(let (offset, limit)):
      return APIReply.json(await store.listAliases(offset: offset, limit: limit))
    }
  }

  private func createAlias(_ body: ByteBuffer) async -> Response {
    var fields: BodyFields
    switch BodyFields.parse(body) {
    case .failure(let errors): return errors.response
    case .success(let f): fields = f
    }
    let name = fields.string("name", required: true, minLength: 1, maxLength: 255)
    let chain = fields.stringList("fallback_models", required: true, minItems: 1)
    let description = fields.string("description", required: false, nullable: true, maxLength: 1000)
    guard fields.errors.isEmpty, let name = name ?? nil, let chain else { return fields.errors.response }
    if await store.alias(named: name) != nil {
      return APIReply.conflict("An alias named '\(name)' already exists")
    }
    if let refusal = await chainRefusal(chain) { return refusal }
    switch await store.createAlias(
      AliasCreate(name: name, fallbackModels: chain, description: description ?? nil))
    {
    case .success(let alias): return APIReply.json(alias)
    case .failure: return APIReply.conflict("An alias named '\(name)' already exists")
    }
  }

  private func updateAlias(id: String, body: ByteBuffer) async -> Response {
    var fields: BodyFields
    switch BodyFields.parse(body) {
    case .failure(let errors): return errors.response
    case .success(let f): fields = f
    }
    var update = AliasUpdate()
    update.name = fields.string("name", required: false, nullable: true, minLength: 1, maxLength: 255) ?? nil
    if fields.object["fallback_models"] != .null {
      update.fallbackModels = fields.stringList("fallback_models", required: false, minItems: 1)
    }
    if fields.has("description") {
      if let description = fields.string("description", required: false, nullable: true, maxLength: 1000) {
        update.description = .some(description)
      }
    }
    guard fields.errors.isEmpty else { return fields.errors.response }
    guard await store.alias(id: id) != nil else { return APIReply.notFound("Alias not found") }
    if let chain = update.fallbackModels, let refusal = await chainRefusal(chain) { return refusal }
    switch await store.updateAlias(id: id, update) {
    case .success(let alias): return APIReply.json(alias)
    case .failure(.notFound): return APIReply.notFound("Alias not found")
    case .failure(.conflict(let name)): return APIReply.conflict("An alias named '\(name)' already exists")
    }
  }

  /// 400 with a did-you-mean when a chain names something that is not a model.
  func chainRefusal(_ chain: [String]) async -> Response? {
    let problems = await store.chainProblems(chain)
    guard !problems.isEmpty else { return nil }
    let messages = problems.map { problem -> String in
      if problem.isAlias {
        return "'\(problem.name)' (fallback_models[\(problem.index)]) is an alias, not a model; "
          + "aliases do not nest, so list its models instead"
      }
      let hint =
        problem.suggestions.isEmpty
        ? "" : " Did you mean \(problem.suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
      return "Unknown model '\(problem.name)' (fallback_models[\(problem.index)]).\(hint)"
    }
    let detail: JSONValue = .array(
      problems.map { problem in
        .object([
          "loc": .array([.string("body"), .string("fallback_models"), .integer(problem.index)]),
          "model": .string(problem.name),
          "reason": .string(problem.isAlias ? "is_alias" : "unknown_model"),
          "suggestions": .array(problem.suggestions.map { .string($0) }),
        ])
      })
    return APIReply.badRequest(messages.joined(separator: " "), detail: detail)
  }
}
