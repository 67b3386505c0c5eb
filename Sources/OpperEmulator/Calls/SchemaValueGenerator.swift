import OpalCore

/// Produces a JSON value that conforms to a JSON Schema: objects with every property (required
/// ones always), strings (echoing the call's input text where free text fits), numbers within
/// bounds, enums and consts, arrays of `minItems` (at least one) items, `$ref`s into the same
/// document, `anyOf`/`oneOf` (the first branch) and `allOf` (merged).
struct SchemaValueGenerator {
  let root: JSONValue
  /// Free text to place in unconstrained strings (the call's input, echoed).
  let text: String
  private let maxDepth = 24

  func value() -> JSONValue { value(for: root, depth: 0, key: nil) }

  private func value(for schema: JSONValue, depth: Int, key: String?) -> JSONValue {
    guard depth < maxDepth, let object = schema.objectValue else {
      return schema == .bool(false) ? .null : .string(text)
    }
    if let const = object["const"] { return const }
    if let choices = object["enum"]?.arrayValue, let first = choices.first { return first }
    if let ref = object["$ref"]?.stringValue, let target = resolve(ref) {
      return value(for: target, depth: depth + 1, key: key)
    }
    if let all = object["allOf"]?.arrayValue, !all.isEmpty {
      return value(for: merged(all, into: object), depth: depth + 1, key: key)
    }
    for keyword in ["anyOf", "oneOf"] {
      if let branches = object[keyword]?.arrayValue {
        let preferred = branches.first { $0["type"]?.stringValue != "null" } ?? branches.first
        if let preferred { return value(for: preferred, depth: depth + 1, key: key) }
      }
    }
    switch typeName(of: object) {
    case "object": return objectValue(object, depth: depth)
    case "array": return arrayValue(object, depth: depth, key: key)
    case "integer": return .integer(integerValue(object))
    case "number": return numberValue(object)
    case "boolean": return .bool(true)
    case "null": return .null
    default: return .string(stringValue(object, key: key))
    }
  }

  private func typeName(of object: [String: JSONValue]) -> String {
    if let t = object["type"]?.stringValue { return t }
    if let list = object["type"]?.arrayValue {
      return list.compactMap(\.stringValue).first { $0 != "null" } ?? "null"
    }
    if object["properties"] != nil { return "object" }
    if object["items"] != nil { return "array" }
    return "string"
  }

  private func objectValue(_ object: [String: JSONValue], depth: Int) -> JSONValue {
    var out: [String: JSONValue] = [:]
    let properties = object["properties"]?.objectValue ?? [:]
    for (name, schema) in properties { out[name] = value(for: schema, depth: depth + 1, key: name) }
    for name in object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where out[name] == nil {
      let extra = object["additionalProperties"].flatMap { $0.objectValue != nil ? $0 : nil }
      out[name] = extra.map { value(for: $0, depth: depth + 1, key: name) } ?? .string(text)
    }
    return .object(out)
  }

  private func arrayValue(_ object: [String: JSONValue], depth: Int, key: String?) -> JSONValue {
    let minItems = object["minItems"].flatMap(\.doubleValue).map { Int($0) } ?? 1
    let maxItems = object["maxItems"].flatMap(\.doubleValue).map { Int($0) } ?? Int.max
    let count = min(max(minItems, 1), maxItems)
    if let tuple = object["prefixItems"]?.arrayValue, !tuple.isEmpty {
      return .array(tuple.map { value(for: $0, depth: depth + 1, key: key) })
    }
    let item = object["items"] ?? .object([:])
    let values = (0..<max(0, count)).map { _ in value(for: item, depth: depth + 1, key: key) }
    return .array(values)
  }

  private func integerValue(_ object: [String: JSONValue]) -> Int {
    var low = object["minimum"]?.doubleValue.map { Int($0.rounded(.up)) } ?? Int.min
    if let ex = object["exclusiveMinimum"]?.doubleValue { low = max(low, Int(ex.rounded(.down)) + 1) }
    var high = object["maximum"]?.doubleValue.map { Int($0.rounded(.down)) } ?? Int.max
    if let ex = object["exclusiveMaximum"]?.doubleValue { high = min(high, Int(ex.rounded(.up)) - 1) }
    let preferred = 1
    return min(max(preferred, low), high)
  }

  private func numberValue(_ object: [String: JSONValue]) -> JSONValue {
    let low = object["minimum"]?.doubleValue ?? object["exclusiveMinimum"]?.doubleValue.map { $0 + 0.5 }
    let high = object["maximum"]?.doubleValue ?? object["exclusiveMaximum"]?.doubleValue.map { $0 - 0.5 }
    switch (low, high) {
    case (let l?, let h?): return .number((l + h) / 2)
    case (let l?, nil): return .number(l + 0.5)
    case (nil, let h?): return .number(min(0.5, h))
    case (nil, nil): return .number(0.5)
    }
  }

  private func stringValue(_ object: [String: JSONValue], key: String?) -> String {
    switch object["format"]?.stringValue {
    case "date-time": return "2025-01-01T00:00:00Z"
    case "date": return "2025-01-01"
    case "time": return "00:00:00Z"
    case "email": return "someone@example.com"
    case "uri", "url": return "https://example.com/"
    case "uuid": return "00000000-0000-4000-8000-000000000000"
    default: break
    }
    var s = text.isEmpty ? (key ?? "text") : text
    let minLength = object["minLength"].flatMap(\.doubleValue).map { Int($0) } ?? 0
    let maxLength = object["maxLength"].flatMap(\.doubleValue).map { Int($0) } ?? Int.max
    if s.count > maxLength { s = String(s.prefix(maxLength)) }
    if s.count < minLength { s += String(repeating: "x", count: minLength - s.count) }
    return s
  }

  /// `#/$defs/x`, `#/definitions/x` or any JSON pointer into the root.
  private func resolve(_ ref: String) -> JSONValue? {
    guard ref.hasPrefix("#") else { return nil }
    var node = root
    for raw in ref.dropFirst().split(separator: "/") {
      let part = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
      if let next = node[part] {
        node = next
      } else if let index = Int(part), let list = node.arrayValue, index < list.count {
        node = list[index]
      } else {
        return nil
      }
    }
    return node
  }

  private func merged(_ schemas: [JSONValue], into base: [String: JSONValue]) -> JSONValue {
    var out = base
    out["allOf"] = nil
    var properties = out["properties"]?.objectValue ?? [:]
    var required = out["required"]?.arrayValue ?? []
    for schema in schemas {
      var part = schema
      if let ref = schema["$ref"]?.stringValue, let target = resolve(ref) { part = target }
      guard let object = part.objectValue else { continue }
      for (k, v) in object where k != "properties" && k != "required" && out[k] == nil { out[k] = v }
      for (k, v) in object["properties"]?.objectValue ?? [:] { properties[k] = v }
      required += object["required"]?.arrayValue ?? []
    }
    if !properties.isEmpty { out["properties"] = .object(properties) }
    if !required.isEmpty { out["required"] = .array(required) }
    return .object(out)
  }
}
