import Foundation
import Hummingbird
import OpalCore

/// FastAPI-style request validation: collects `{loc, msg, type}` entries and answers 422.
struct ValidationErrors: Error {
  private(set) var items: [JSONValue] = []
  var isEmpty: Bool { items.isEmpty }

  mutating func add(_ loc: [JSONValue], _ msg: String, _ type: String, input: JSONValue? = nil) {
    var entry: [String: JSONValue] = ["loc": .array(loc), "msg": .string(msg), "type": .string(type)]
    if let input { entry["input"] = input }
    items.append(.object(entry))
  }

  /// The refusal to throw from a route handler.
  var refusal: APIRefusal { APIRefusal(response) }

  var response: Response {
    let first = items.first.flatMap { item -> String? in
      guard let loc = item["loc"]?.arrayValue, let msg = item["msg"]?.stringValue else { return nil }
      let path = loc.map { $0.stringValue ?? $0.canonicalJSON }.joined(separator: ".")
      return "\(path): \(msg)"
    }
    let more = items.count > 1 ? " (and \(items.count - 1) more)" : ""
    return APIReply.error(
      422, "RequestValidationError", "The request is invalid: \(first ?? "bad body")\(more)",
      detail: .array(items))
  }
}
