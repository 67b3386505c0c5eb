import Foundation
import OpalCore
import OpalYAML

/// Reads smoke cases and their expectations (SPEC §2, §7) out of YAML nodes.
enum SmokeCaseReader {
  typealias Node = YAMLDocument.NodeID

  static let caseKeys = KeySet([
    "name", "instructions", "input", "options", "output_schema", "configuration", "model", "expect",
  ])
  static let expectKeys = KeySet([
    "contains", "not_contains", "matches", "json_schema", "max_latency_ms", "served_by",
    "max_cost_usd",
  ])
  static let modelKeys = KeySet(["name", "options"])

  static func read(
    _ node: Node, path: KeyPathRef, what: @autoclosure () -> String, reader r: inout NodeReader
  ) -> SmokeCase? {
    guard r.checkFields(of: node, path: path, allowed: caseKeys, what: what()) else { return nil }
    var c = SmokeCase(location: r.location(node))
    for i in 0..<r.doc.count(node) {
      guard let (key, keyNode, value) = r.field(node, i, allowed: caseKeys) else { continue }
      let p = r.child(path, keyNode: keyNode)
      switch key {
      case "name": c.name = r.string(value, path: p)
      case "instructions": c.instructions = r.string(value, path: p)
      case "input": c.input = r.doc.jsonValue(value)
      case "options": c.options = r.object(value, path: p)
      case "output_schema": c.outputSchema = r.object(value, path: p).map(JSONValue.object)
      case "configuration": c.configuration = r.object(value, path: p)
      case "model": c.model = model(value, path: p, reader: &r)
      case "expect": c.expect = expectation(value, path: p, reader: &r) ?? SmokeExpectation()
      default: break
      }
    }
    return c
  }

  /// `model`: a name, `{name, options}`, or a non-empty list of those.
  static func model(_ node: Node, path: KeyPathRef, reader r: inout NodeReader) -> JSONValue? {
    let doc = r.doc
    if doc.isSequence(node) {
      guard doc.count(node) > 0 else {
        r.error("the model list is empty", at: node, path: path)
        return nil
      }
      var ok = true
      for i in 0..<doc.count(node)
      where !oneModel(doc.item(node, i), path: r.index(path, i), reader: &r) {
        ok = false
      }
      return ok ? doc.jsonValue(node) : nil
    }
    return oneModel(node, path: path, reader: &r) ? doc.jsonValue(node) : nil
  }

  private static func oneModel(_ node: Node, path: KeyPathRef, reader r: inout NodeReader) -> Bool {
    switch r.doc.shape(node) {
    case .scalar:
      return r.nonEmptyString(node, path: path, what: "the model name") != nil
    case .mapping:
      guard r.checkFields(of: node, path: path, allowed: modelKeys, what: "a model") else {
        return false
      }
      var ok = true
      var hasName = false
      for (key, keyNode, value) in r.fields(of: node, allowed: modelKeys) {
        let p = r.child(path, keyNode: keyNode)
        if key == "name" {
          hasName = true
          if r.nonEmptyString(value, path: p, what: "the model name") == nil { ok = false }
        } else if r.object(value, path: p) == nil {
          ok = false
        }
      }
      if !hasName {
        r.error("a model mapping needs a 'name'", at: node, path: path)
        return false
      }
      return ok
    case .sequence:
      r.typeError("a model name or a {name, options} mapping", at: node, path: path)
      return false
    }
  }

  static func expectation(_ node: Node, path: KeyPathRef, reader r: inout NodeReader)
    -> SmokeExpectation?
  {
    guard r.checkFields(of: node, path: path, allowed: expectKeys, what: "expect") else {
      return nil
    }
    var e = SmokeExpectation()
    for i in 0..<r.doc.count(node) {
      guard let (key, keyNode, value) = r.field(node, i, allowed: expectKeys) else { continue }
      let p = r.child(path, keyNode: keyNode)
      switch key {
      case "contains": e.contains = r.stringList(value, path: p)
      case "not_contains": e.notContains = r.stringList(value, path: p)
      case "matches":
        guard let list = r.stringList(value, path: p) else { continue }
        var ok = true
        for (i, pattern) in list.enumerated() where !r.isValidRegularExpression(pattern) {
          ok = false
          let itemPath = r.doc.isSequence(value) ? r.index(p, i) : p
          r.error(
            "'\(NodeReader.shortened(pattern))' is not a valid regular expression",
            at: r.item(of: value, i), path: itemPath,
            hint: "escape special characters such as ( [ { * + ? with a backslash")
        }
        if ok { e.matches = list }
      case "json_schema": e.jsonSchema = r.object(value, path: p).map(JSONValue.object)
      case "max_latency_ms":
        guard let ms = r.integer(value, path: p) else { continue }
        if ms > 0 {
          e.maxLatencyMs = ms
        } else {
          r.error("max_latency_ms must be greater than 0, found \(ms)", at: value, path: p)
        }
      case "served_by":
        guard let s = r.nonEmptyString(value, path: p, what: "served_by") else { continue }
        switch s {
        case "first": e.servedBy = .first
        case "any": e.servedBy = .any
        default: e.servedBy = .model(s)
        }
      case "max_cost_usd":
        guard let usd = r.number(value, path: p) else { continue }
        if usd >= 0 && usd.isFinite {
          e.maxCostUSD = usd
        } else {
          r.error("max_cost_usd must be a number of at least 0", at: value, path: p)
        }
      default: break
      }
    }
    return e
  }
}
