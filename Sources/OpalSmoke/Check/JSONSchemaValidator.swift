import Foundation
import OpalCore

/// Validates a JSON value against a JSON Schema (2020-12), for the subset smoke cases use:
/// `type` (one or a list; `integer` is a whole number), `properties`, `required`,
/// `additionalProperties` (boolean or schema), `patternProperties`, `items`, `prefixItems`,
/// `enum`, `const`, `minLength`/`maxLength`, `pattern`, `minimum`/`maximum`/`exclusiveMinimum`/
/// `exclusiveMaximum`, `multipleOf`, `minItems`/`maxItems`, `uniqueItems`,
/// `minProperties`/`maxProperties`, `anyOf`/`oneOf`/`allOf`/`not`, and `$ref` to `#`,
/// `#/$defs/…` or `#/definitions/…`. Other keywords are ignored, as the spec allows.
/// Each violation names the failing instance path as a JSON Pointer (`/items/0/name`).
public struct JSONSchemaValidator: Sendable {
  /// One way the instance does not match: where, and why.
  public struct Violation: Hashable, Sendable, CustomStringConvertible {
    /// JSON Pointer of the failing value (`""` is the whole value).
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }
    public var description: String { "\(path.isEmpty ? "/" : path): \(reason)" }
  }

  public let schema: JSONValue
  /// Nesting of schemas (through `$ref` too) past which validation stops with a violation.
  public var maxDepth = 64

  public init(schema: JSONValue) {
    self.schema = schema
  }

  /// Every violation found (empty when the value is valid).
  public func validate(_ instance: JSONValue) -> [Violation] {
    check(schema, instance, path: "", depth: 0)
  }

  private func check(_ schema: JSONValue, _ value: JSONValue, path: String, depth: Int) -> [Violation] {
    guard depth <= maxDepth else {
      return [Violation(path: path, reason: "schema nests deeper than \(maxDepth) levels (a $ref loop?)")]
    }
    switch schema {
    case .bool(true): return []
    case .bool(false): return [Violation(path: path, reason: "no value is allowed here")]
    case .object(let s):
      var out: [Violation] = []
      if let ref = s["$ref"]?.stringValue {
        guard let target = resolve(ref) else {
          return [Violation(path: path, reason: "schema $ref '\(ref)' does not resolve")]
        }
        out += check(target, value, path: path, depth: depth + 1)
      }
      if let type = s["type"], let problem = typeProblem(type, value) {
        // A wrong type makes the other keywords noise.
        return out + [Violation(path: path, reason: problem)]
      }
      out += checkEnumConst(s, value, path: path)
      out += checkCombinators(s, value, path: path, depth: depth)
      switch value {
      case .string(let text): out += checkString(s, text, path: path)
      case .integer, .number: out += checkNumber(s, value.doubleValue ?? 0, path: path)
      case .array(let items): out += checkArray(s, items, path: path, depth: depth)
      case .object(let members): out += checkObject(s, members, path: path, depth: depth)
      default: break
      }
      return out
    default:
      return [Violation(path: path, reason: "the schema is not an object or a boolean")]
    }
  }

  private func typeProblem(_ type: JSONValue, _ value: JSONValue) -> String? {
    let names: [String]
    if let one = type.stringValue {
      names = [one]
    } else if let list = type.arrayValue {
      names = list.compactMap(\.stringValue)
    } else {
      return nil
    }
    if names.contains(where: { Self.value(value, isOfType: $0) }) { return nil }
    let expected = names.count == 1 ? names[0] : "one of " + names.joined(separator: ", ")
    return "expected \(expected), got \(Self.describeType(value))"
  }

  static func value(_ value: JSONValue, isOfType name: String) -> Bool {
    switch (name, value) {
    case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array),
      ("object", .object), ("number", .integer), ("number", .number), ("integer", .integer):
      return true
    case ("integer", .number(let d)): return d.isFinite && d == d.rounded()
    default: return false
    }
  }

  private static func describeType(_ value: JSONValue) -> String {
    if case .number(let d) = value, d.isFinite, d != d.rounded() { return "number \(d)" }
    switch value {
    case .string(let s): return "string \(JSONValue.string(s).canonicalJSON.prefix(40))"
    case .integer(let i): return "integer \(i)"
    case .bool(let b): return "boolean \(b)"
    default: return value.typeName
    }
  }

  private func checkEnumConst(_ s: [String: JSONValue], _ value: JSONValue, path: String) -> [Violation] {
    var out: [Violation] = []
    if let options = s["enum"]?.arrayValue, !options.contains(where: { Self.equal($0, value) }) {
      let list = options.prefix(8).map(\.canonicalJSON).joined(separator: ", ")
      out.append(Violation(path: path, reason: "\(value.canonicalJSON.prefix(60)) is not one of [\(list)]"))
    }
    if let constant = s["const"], !Self.equal(constant, value) {
      out.append(Violation(path: path, reason: "expected the constant \(constant.canonicalJSON.prefix(60))"))
    }
    return out
  }

  private func checkCombinators(
    _ s: [String: JSONValue], _ value: JSONValue, path: String, depth: Int
  ) -> [Violation] {
    var out: [Violation] = []
    if let all = s["allOf"]?.arrayValue {
      for sub in all { out += check(sub, value, path: path, depth: depth + 1) }
    }
    if let any = s["anyOf"]?.arrayValue {
      let results = any.map { check($0, value, path: path, depth: depth + 1) }
      if !results.contains(where: \.isEmpty) {
        let first = results.first?.first.map { " (first: \($0))" } ?? ""
        out.append(Violation(path: path, reason: "matches none of the \(any.count) anyOf schemas\(first)"))
      }
    }
    if let one = s["oneOf"]?.arrayValue {
      let results = one.map { check($0, value, path: path, depth: depth + 1) }
      let passing = results.filter(\.isEmpty).count
      if passing == 0 {
        let first = results.first?.first.map { " (first: \($0))" } ?? ""
        out.append(Violation(path: path, reason: "matches none of the \(one.count) oneOf schemas\(first)"))
      } else if passing > 1 {
        out.append(
          Violation(path: path, reason: "matches \(passing) of the oneOf schemas, expected exactly 1"))
      }
    }
    if let not = s["not"], check(not, value, path: path, depth: depth + 1).isEmpty {
      out.append(Violation(path: path, reason: "matches the schema under 'not'"))
    }
    return out
  }

  private func checkString(_ s: [String: JSONValue], _ text: String, path: String) -> [Violation] {
    var out: [Violation] = []
    let length = text.unicodeScalars.count
    if let min = Self.int(s["minLength"]), length < min {
      out.append(
        Violation(path: path, reason: "string is \(length) characters, shorter than minLength \(min)"))
    }
    if let max = Self.int(s["maxLength"]), length > max {
      out.append(
        Violation(path: path, reason: "string is \(length) characters, longer than maxLength \(max)"))
    }
    if let pattern = s["pattern"]?.stringValue {
      if let regex = try? NSRegularExpression(pattern: pattern) {
        let range = NSRange(text.startIndex..., in: text)
        if regex.firstMatch(in: text, range: range) == nil {
          out.append(Violation(path: path, reason: "string does not match pattern \(pattern)"))
        }
      } else {
        out.append(Violation(path: path, reason: "the schema's pattern \(pattern) does not compile"))
      }
    }
    return out
  }

  private func checkNumber(_ s: [String: JSONValue], _ n: Double, path: String) -> [Violation] {
    var out: [Violation] = []
    let shown = Self.show(n)
    if let min = s["minimum"]?.doubleValue, n < min {
      out.append(Violation(path: path, reason: "\(shown) is less than minimum \(Self.show(min))"))
    }
    if let max = s["maximum"]?.doubleValue, n > max {
      out.append(Violation(path: path, reason: "\(shown) is greater than maximum \(Self.show(max))"))
    }
    if let min = s["exclusiveMinimum"]?.doubleValue, n <= min {
      out.append(
        Violation(path: path, reason: "\(shown) is not greater than exclusiveMinimum \(Self.show(min))"))
    }
    if let max = s["exclusiveMaximum"]?.doubleValue, n >= max {
      out.append(
        Violation(path: path, reason: "\(shown) is not less than exclusiveMaximum \(Self.show(max))"))
    }
    if let step = s["multipleOf"]?.doubleValue, step > 0 {
      let q = n / step
      if abs(q - q.rounded()) > 1e-9 {
        out.append(Violation(path: path, reason: "\(shown) is not a multiple of \(Self.show(step))"))
      }
    }
    return out
  }

  private func checkArray(
    _ s: [String: JSONValue], _ items: [JSONValue], path: String, depth: Int
  ) -> [Violation] {
    var out: [Violation] = []
    if let min = Self.int(s["minItems"]), items.count < min {
      out.append(Violation(path: path, reason: "array has \(items.count) items, fewer than minItems \(min)"))
    }
    if let max = Self.int(s["maxItems"]), items.count > max {
      out.append(Violation(path: path, reason: "array has \(items.count) items, more than maxItems \(max)"))
    }
    if s["uniqueItems"] == .bool(true) {
      outer: for i in items.indices {
        for j in items.indices where j > i && Self.equal(items[i], items[j]) {
          out.append(Violation(path: path + "/\(j)", reason: "duplicates item \(i) (uniqueItems)"))
          break outer
        }
      }
    }
    let prefix = s["prefixItems"]?.arrayValue ?? []
    for (i, item) in items.enumerated() {
      if i < prefix.count {
        out += check(prefix[i], item, path: path + "/\(i)", depth: depth + 1)
      } else if let rest = s["items"] {
        out += check(rest, item, path: path + "/\(i)", depth: depth + 1)
      }
    }
    return out
  }

  private func checkObject(
    _ s: [String: JSONValue], _ members: [String: JSONValue], path: String, depth: Int
  ) -> [Violation] {
    var out: [Violation] = []
    for name in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
      out.append(Violation(path: path + "/" + Self.escape(name), reason: "required property is missing"))
    }
    if let min = Self.int(s["minProperties"]), members.count < min {
      out.append(Violation(path: path, reason: "object has \(members.count) properties, fewer than \(min)"))
    }
    if let max = Self.int(s["maxProperties"]), members.count > max {
      out.append(Violation(path: path, reason: "object has \(members.count) properties, more than \(max)"))
    }
    let properties = s["properties"]?.objectValue ?? [:]
    let patterns: [(NSRegularExpression, JSONValue)] = (s["patternProperties"]?.objectValue ?? [:])
      .sorted { $0.key < $1.key }
      .compactMap { key, sub in (try? NSRegularExpression(pattern: key)).map { ($0, sub) } }
    for name in members.keys.sorted() {
      guard let member = members[name] else { continue }
      let memberPath = path + "/" + Self.escape(name)
      var covered = false
      if let sub = properties[name] {
        covered = true
        out += check(sub, member, path: memberPath, depth: depth + 1)
      }
      for (regex, sub) in patterns
      where regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil {
        covered = true
        out += check(sub, member, path: memberPath, depth: depth + 1)
      }
      guard !covered, let additional = s["additionalProperties"] else { continue }
      if additional == .bool(false) {
        out.append(
          Violation(path: memberPath, reason: "property is not allowed (additionalProperties is false)"))
      } else {
        out += check(additional, member, path: memberPath, depth: depth + 1)
      }
    }
    return out
  }

  /// `#`, `#/$defs/name`, `#/definitions/name` or any JSON Pointer inside the root schema.
  private func resolve(_ ref: String) -> JSONValue? {
    guard ref.hasPrefix("#") else { return nil }
    let pointer = ref.dropFirst()
    if pointer.isEmpty { return schema }
    guard pointer.hasPrefix("/") else { return nil }
    var node = schema
    for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
      let token = String(raw).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(
        of: "~0", with: "~")
      let decoded = token.removingPercentEncoding ?? token
      if let next = node[decoded] {
        node = next
      } else if let index = Int(decoded), let list = node.arrayValue, list.indices.contains(index) {
        node = list[index]
      } else {
        return nil
      }
    }
    return node
  }

  /// JSON equality: `1` equals `1.0`, objects ignore key order.
  static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.integer, .number), (.number, .integer), (.number, .number), (.integer, .integer):
      return a.doubleValue == b.doubleValue
    case (.array(let x), .array(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.object(let x), .object(let y)):
      return x.count == y.count && x.allSatisfy { key, v in y[key].map { equal(v, $0) } ?? false }
    default:
      return a == b
    }
  }

  private static func int(_ value: JSONValue?) -> Int? {
    guard let d = value?.doubleValue, d.isFinite, d >= 0, d < 1e15 else { return nil }
    return Int(d)
  }

  private static func show(_ d: Double) -> String {
    d.isFinite && d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
  }

  static func escape(_ name: String) -> String {
    name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
  }
}
