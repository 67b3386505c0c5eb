import Foundation
import Hummingbird
import OpalCore

/// Building the API's responses: JSON bodies and `{"type", "message", "detail"}` errors.
enum APIReply {
  static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

  static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else {
      return error(500, "InternalServerError", "The response could not be encoded")
    }
    return Response(
      status: status, headers: jsonHeaders, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  static func noContent() -> Response { Response(status: .noContent) }

  /// An error in the API's shape; `detail` is always present (null when there is none).
  static func error(
    _ status: Int, _ type: String, _ message: String, detail: JSONValue = .null,
    headers extra: HTTPFields = [:]
  ) -> Response {
    let body: JSONValue = .object(["type": .string(type), "message": .string(message), "detail": detail])
    var headers = jsonHeaders
    headers.append(contentsOf: extra)
    return Response(
      status: HTTPResponse.Status(code: status), headers: headers,
      body: ResponseBody(byteBuffer: ByteBuffer(string: body.canonicalJSON)))
  }

  static func notFound(_ message: String = "The resource was not found") -> Response {
    error(404, "NotFoundError", message)
  }

  static func unauthorized() -> Response {
    error(401, "UnauthorizedError", "The request is unauthorized")
  }

  static func conflict(_ message: String) -> Response { error(409, "ConflictError", message) }

  static func badRequest(_ message: String, detail: JSONValue = .null) -> Response {
    error(400, "BadRequestError", message, detail: detail)
  }

  /// The usual error type for a status a fault injects.
  static func typeName(forStatus status: Int) -> String {
    switch status {
    case 400: return "BadRequestError"
    case 401: return "UnauthorizedError"
    case 403: return "ForbiddenError"
    case 404: return "NotFoundError"
    case 409: return "ConflictError"
    case 422: return "RequestValidationError"
    case 429: return "TooManyRequestsError"
    case 500: return "InternalServerError"
    case 502: return "BadGatewayError"
    case 503: return "ServiceUnavailableError"
    case 504: return "GatewayTimeoutError"
    default: return status >= 500 ? "ServerError" : "ClientError"
    }
  }
}

/// FastAPI-style request validation: collects `{loc, msg, type}` entries and answers 422.
struct ValidationErrors: Error {
  private(set) var items: [JSONValue] = []
  var isEmpty: Bool { items.isEmpty }

  mutating func add(_ loc: [JSONValue], _ msg: String, _ type: String, input: JSONValue? = nil) {
    var entry: [String: JSONValue] = ["loc": .array(loc), "msg": .string(msg), "type": .string(type)]
    if let input { entry["input"] = input }
    items.append(.object(entry))
  }

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

/// Reads the fields of a JSON request body, recording FastAPI-shaped errors as it goes.
struct BodyFields {
  let object: [String: JSONValue]
  var errors = ValidationErrors()

  /// Parses the body; on failure returns the 422 response to send.
  static func parse(_ data: ByteBuffer) -> Result<BodyFields, ValidationErrors> {
    var errors = ValidationErrors()
    guard data.readableBytes > 0 else {
      errors.add([.string("body")], "Field required", "missing")
      return .failure(errors)
    }
    guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(data.readableBytesView)) else {
      errors.add([.string("body"), .integer(0)], "JSON decode error", "json_invalid")
      return .failure(errors)
    }
    guard let object = value.objectValue else {
      errors.add(
        [.string("body")], "Input should be a valid dictionary or object to extract fields from",
        "model_attributes_type", input: value)
      return .failure(errors)
    }
    return .success(BodyFields(object: object))
  }

  func has(_ key: String) -> Bool { object[key] != nil }

  /// A string field; `required` reports a missing one; `nullable` accepts `null` (→ `.some(nil)`).
  mutating func string(
    _ key: String, required: Bool, nullable: Bool = false, minLength: Int = 0, maxLength: Int = .max
  ) -> String?? {
    guard let value = object[key] else {
      if required { errors.add([.string("body"), .string(key)], "Field required", "missing") }
      return nil
    }
    if value == .null, nullable { return .some(nil) }
    guard let s = value.stringValue else {
      errors.add(
        [.string("body"), .string(key)], "Input should be a valid string", "string_type", input: value)
      return nil
    }
    if s.count < minLength {
      let unit = minLength == 1 ? "character" : "characters"
      errors.add(
        [.string("body"), .string(key)], "String should have at least \(minLength) \(unit)",
        "string_too_short",
        input: value)
      return nil
    }
    if s.count > maxLength {
      errors.add(
        [.string("body"), .string(key)], "String should have at most \(maxLength) characters",
        "string_too_long",
        input: value)
      return nil
    }
    return .some(s)
  }

  /// A list of strings with at least `minItems` entries.
  mutating func stringList(_ key: String, required: Bool, minItems: Int) -> [String]? {
    guard let value = object[key] else {
      if required { errors.add([.string("body"), .string(key)], "Field required", "missing") }
      return nil
    }
    guard let list = value.arrayValue else {
      errors.add([.string("body"), .string(key)], "Input should be a valid list", "list_type", input: value)
      return nil
    }
    var out: [String] = []
    var ok = true
    for (i, item) in list.enumerated() {
      if let s = item.stringValue {
        out.append(s)
      } else {
        ok = false
        errors.add(
          [.string("body"), .string(key), .integer(i)], "Input should be a valid string", "string_type",
          input: item)
      }
    }
    if ok, out.count < minItems {
      errors.add(
        [.string("body"), .string(key)],
        "List should have at least \(minItems) item after validation, not \(out.count)", "too_short",
        input: value)
      return nil
    }
    return ok ? out : nil
  }

  /// An object field.
  mutating func object(_ key: String) -> [String: JSONValue]? {
    guard let value = object[key], value != .null else { return nil }
    guard let o = value.objectValue else {
      errors.add(
        [.string("body"), .string(key)], "Input should be a valid dictionary", "dict_type", input: value)
      return nil
    }
    return o
  }
}
