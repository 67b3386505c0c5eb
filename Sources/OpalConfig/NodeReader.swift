import Foundation
import OpalCore
import OpalYAML

/// Reads typed values out of YAML nodes for one file, turning every mismatch into a diagnostic
/// that names the expected type, the key path and the node's position.
struct NodeReader {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  /// Regular expressions already compiled, and whether they compiled: aliases can repeat one
  /// pattern many times, and each compile costs.
  private var checkedPatterns: [String: Bool] = [:]

  init(file: String) {
    self.file = file
  }

  func location(_ node: YAMLNode) -> SourceLocation {
    SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
  }

  mutating func error(
    _ message: String, at node: YAMLNode, path: String, hint: String? = nil,
    related: [Diagnostic.Related] = []
  ) {
    diagnostics.append(
      .error(
        message, at: location(node), keyPath: path.isEmpty ? nil : path, hint: hint,
        related: related))
  }

  mutating func emit(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }

  mutating func typeError(_ expected: String, at node: YAMLNode, path: String) {
    error("expected \(expected), found \(node.kindDescription)", at: node, path: path)
  }

  /// A mapping's pairs whose keys are in `allowed`; every other key is reported with a
  /// did-you-mean. Keys starting with `x-` are skipped silently when `extensions` is true.
  mutating func fields(
    of node: YAMLNode, path: String, allowed: [String], what: String, extensions: Bool = false
  ) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
    guard let pairs = node.mappingPairs else {
      typeError("a mapping (\(what))", at: node, path: path)
      return nil
    }
    var out: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
    out.reserveCapacity(pairs.count)
    for pair in pairs {
      guard let key = pair.key.scalarText else {
        error(
          "keys of \(what) must be strings, found \(pair.key.kindDescription)",
          at: pair.key, path: path)
        continue
      }
      if allowed.contains(key) {
        out.append((key, pair.key, pair.value))
      } else if extensions && key.hasPrefix("x-") {
        continue
      } else {
        // Far longer than any allowed key, a key is no misspelling of one (and is slow to compare).
        let near =
          key.utf8.count > Self.longestSuggestedKey
          ? [] : NearestNames.suggest(key, from: allowed, limit: 1)
        let hint =
          near.first.map { "did you mean '\($0)'?" }
          ?? "allowed keys: " + allowed.joined(separator: ", ")
        error(
          "unknown key '\(Self.shortened(key))' in \(what)", at: pair.key,
          path: ConfigKeyPath.child(path, key),
          hint: hint)
      }
    }
    return out
  }

  /// Whether `pattern` compiles as a regular expression (each distinct pattern compiled once).
  mutating func isValidRegularExpression(_ pattern: String) -> Bool {
    if let known = checkedPatterns[pattern] { return known }
    let valid = (try? NSRegularExpression(pattern: pattern)) != nil
    checkedPatterns[pattern] = valid
    return valid
  }

  static let longestSuggestedKey = 64

  /// User text for a message: the first 40 characters, then "..." when there is more.
  static func shortened(_ s: String) -> String {
    s.index(s.startIndex, offsetBy: 41, limitedBy: s.endIndex) == nil
      ? s : String(s.prefix(40)) + "..."
  }

  mutating func string(_ node: YAMLNode, path: String) -> String? {
    if case .scalar(let text, _) = node.kind, case .string = node.scalarValue { return text }
    typeError("a string", at: node, path: path)
    return nil
  }

  mutating func nonEmptyString(_ node: YAMLNode, path: String, what: String) -> String? {
    guard let s = string(node, path: path) else { return nil }
    if s.isEmpty {
      error("\(what) is empty", at: node, path: path)
      return nil
    }
    return s
  }

  mutating func integer(_ node: YAMLNode, path: String) -> Int? {
    if case .integer(let i) = node.scalarValue, node.mappingPairs == nil { return i }
    typeError("an integer", at: node, path: path)
    return nil
  }

  mutating func number(_ node: YAMLNode, path: String) -> Double? {
    if case .scalar = node.kind, let d = node.scalarValue.doubleValue { return d }
    typeError("a number", at: node, path: path)
    return nil
  }

  mutating func bool(_ node: YAMLNode, path: String) -> Bool? {
    if case .scalar = node.kind, case .bool(let b) = node.scalarValue { return b }
    typeError("a boolean (true or false)", at: node, path: path)
    return nil
  }

  /// A string or a list of strings, with each item's node.
  mutating func stringList(_ node: YAMLNode, path: String) -> [(String, YAMLNode)]? {
    if case .scalar(let text, _) = node.kind {
      if case .string = node.scalarValue { return [(text, node)] }
      typeError("a string or a list of strings", at: node, path: path)
      return nil
    }
    guard let items = node.sequenceItems else {
      typeError("a string or a list of strings", at: node, path: path)
      return nil
    }
    var out: [(String, YAMLNode)] = []
    var ok = true
    for (i, item) in items.enumerated() {
      if let s = string(item, path: ConfigKeyPath.index(path, i)) {
        out.append((s, item))
      } else {
        ok = false
      }
    }
    return ok ? out : nil
  }

  /// A mapping, as a JSON object.
  mutating func object(_ node: YAMLNode, path: String) -> [String: JSONValue]? {
    guard node.mappingPairs != nil, case .object(let o) = node.jsonValue else {
      typeError("a mapping", at: node, path: path)
      return nil
    }
    return o
  }
}
