import Foundation
import Hummingbird
import OpalCore
import OpperAPI

/// `POST /call` (body validation in FastAPI's shape, then the call engine) and the traces it
/// leaves: `GET /spans/:id` and `GET /traces/:id`.
struct CallRoutes: Sendable {
  let engine: CallEngine
  let traces: TraceStore

  func register(in table: inout RouteTable) {
    table.on("call", .post) { request, context in try await call(request, context) }
    table.on("spans/:id", .get) { _, context in
      guard let span = await traces.span(id: Self.id(context)) else {
        return APIReply.notFound("Span not found")
      }
      return APIReply.json(span)
    }
    table.on("traces/:id", .get) { _, context in
      guard let trace = await traces.trace(id: Self.id(context)) else {
        return APIReply.notFound("Trace not found")
      }
      return APIReply.json(trace)
    }
  }

  private func call(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
    var fields = try await BodyFields.read(request, context: context)
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
      decoded = try JSONDecoder().decode(CallRequest.self, from: Data(fields.raw.readableBytesView))
    } catch {
      var errors = ValidationErrors()
      errors.add([.string("body")], EmulatorFile.describe(error), "value_error")
      return errors.response
    }
    return await engine.run(decoded)
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

  private static func id(_ context: EmulatorRequestContext) -> String {
    let raw = context.parameters.get("id") ?? ""
    return raw.removingPercentEncoding ?? raw
  }
}
