import Hummingbird
import OpalCore
import OpperAPI

/// `/models/aliases`: the alias body (`name` 1–255 characters, `fallback_models` at least one,
/// `description` at most 1,000) and the chain check (every entry a catalog or custom model,
/// never an alias), refused with 400 and a did-you-mean.
struct AliasResource: RoutedResource {
  let path = "models/aliases"
  let title = "Alias"

  func conflictMessage(_ name: String) -> String { "An alias named '\(name)' already exists" }

  func newRecord(id: String, from fields: inout BodyFields) -> Alias? {
    let name = fields.string("name", required: true, minLength: 1, maxLength: 255)
    let chain = fields.stringList("fallback_models", required: true, minItems: 1)
    let description = fields.string("description", required: false, nullable: true, maxLength: 1000)
    guard fields.errors.isEmpty, let name = name ?? nil, let chain else { return nil }
    return Alias(id: id, name: name, fallbackModels: chain, description: description ?? nil)
  }

  func patch(from fields: inout BodyFields) -> AliasUpdate? {
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
    return update
  }

  func refusal(creating alias: Alias, in store: ResourceStore) async -> Response? {
    await Self.chainRefusal(alias.fallbackModels, in: store)
  }

  func refusal(patching update: AliasUpdate, in store: ResourceStore) async -> Response? {
    guard let chain = update.fallbackModels else { return nil }
    return await Self.chainRefusal(chain, in: store)
  }

  /// 400 with a did-you-mean when a chain names something that is not a model.
  static func chainRefusal(_ chain: [String], in store: ResourceStore) async -> Response? {
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
