import Foundation
import Hummingbird
import OpalCore

/// Reads the fields of a JSON request body, recording FastAPI-shaped errors as it goes.
struct BodyFields {
  let object: [String: JSONValue]
  var errors = ValidationErrors()
  /// The body as sent, for decoding it whole once its fields have been checked.
  var raw = ByteBuffer()

  /// Collects and parses a request's JSON body; refuses with 413 when it is too large and 422
  /// when it is not a JSON object.
  static func read(_ request: Request, context: EmulatorRequestContext) async throws(APIRefusal) -> BodyFields
  {
    var request = request
    let body: ByteBuffer
    do {
      body = try await request.collectBody(upTo: context.maxUploadSize)
    } catch {
      throw APIRefusal(APIReply.tooLarge())
    }
    switch parse(body) {
    case .failure(let errors): throw errors.refusal
    case .success(let fields): return fields
    }
  }

  /// Parses the body; on failure returns the 422 errors to send.
  static func parse(_ data: ByteBuffer) -> Result<BodyFields, ValidationErrors> {
    var errors = ValidationErrors()
    guard data.readableBytes > 0 else {
      errors.add([.string("body")], "Field required", "missing")
      return .failure(errors)
    }
    guard let value = try? JSONValueReader.read(Array(data.readableBytesView)) else {
      errors.add([.string("body"), .integer(0)], "JSON decode error", "json_invalid")
      return .failure(errors)
    }
    guard let object = value.objectValue else {
      errors.add(
        [.string("body")], "Input should be a valid dictionary or object to extract fields from",
        "model_attributes_type", input: value)
      return .failure(errors)
    }
    return .success(BodyFields(object: object, raw: data))
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
