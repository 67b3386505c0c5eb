import Foundation
import OpalCore
import OpalYAML

/// Reads typed values out of one file's YAML document, turning every mismatch into a diagnostic
/// that names the expected type, the key path and the node's position.
struct NodeReader {
  typealias Node = YAMLDocument.NodeID

  /// The document read; swapped in and out while entries are handed over (`ConfigEntryHandoff`).
  var doc: YAMLDocument
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  /// The key paths of the nodes being read, rendered only for diagnostics.
  var paths = KeyPathTrail()
  /// Strings made from repeated scalars (model names), kept once.
  private var interned = ScalarInterner()
  /// One-string lists already made (`contains: hello` in every alias), shared by value.
  private var singleLists: [String: [String]] = [:]
  /// Regular expressions already compiled, and whether they compiled: aliases can repeat one
  /// pattern many times, and each compile costs.
  private var checkedPatterns: [String: Bool] = [:]

  init(doc: YAMLDocument, file: String) {
    self.doc = doc
    self.file = file
  }

  func location(_ node: Node) -> SourceLocation {
    let mark = doc.mark(node)
    return SourceLocation(file: file, line: mark.line, column: mark.column)
  }

  // MARK: - Paths

  mutating func child(_ path: KeyPathRef, keyNode: Node) -> KeyPathRef {
    paths.child(path, keyNode: keyNode)
  }

  mutating func index(_ path: KeyPathRef, _ i: Int) -> KeyPathRef { paths.index(path, i) }

  /// The path, for a diagnostic.
  func render(_ path: KeyPathRef) -> ConfigKeyPath { paths.render(path, in: doc) }

  // MARK: - Diagnostics

  mutating func error(
    _ message: String, at node: Node, path: KeyPathRef, hint: String? = nil,
    related: [Diagnostic.Related] = []
  ) {
    // The loader reported the alias to no anchor; anything more about its node is a cascade.
    if doc.isUnresolvedAlias(node) { return }
    let rendered = render(path)
    diagnostics.append(
      .error(
        message, at: location(node), keyPath: rendered.isRoot ? nil : rendered, hint: hint,
        related: related))
  }

  mutating func emit(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }

  mutating func typeError(_ expected: String, at node: Node, path: KeyPathRef) {
    error("expected \(expected), found \(doc.kindDescription(node))", at: node, path: path)
  }

  // MARK: - Mappings

  /// Checks a mapping's keys: every key not in `allowed` is reported with a did-you-mean, and
  /// keys starting with `x-` are skipped silently when `extensions` is true. False (reported)
  /// when the node is not a mapping. Read the allowed pairs with `fields(of:allowed:)`.
  mutating func checkFields(
    of node: Node, path: KeyPathRef, allowed keys: KeySet, what: @autoclosure () -> String,
    extensions: Bool = false
  ) -> Bool {
    guard doc.isMapping(node) else {
      typeError("a mapping (\(what()))", at: node, path: path)
      return false
    }
    for i in 0..<doc.count(node) {
      let keyNode = doc.key(node, i)
      if keys.match(keyNode, in: doc) != nil { continue }
      guard let key = doc.scalarText(keyNode) else {
        error(
          "keys of \(what()) must be strings, found \(doc.kindDescription(keyNode))",
          at: keyNode, path: path)
        continue
      }
      if extensions && key.hasPrefix("x-") { continue }
      let allowed = keys.names
      // Far longer than any allowed key, a key is no misspelling of one (and is slow to compare).
      let near =
        key.utf8.count > Self.longestSuggestedKey
        ? [] : NearestNames.suggest(key, from: allowed, limit: 1)
      let hint =
        near.first.map { "did you mean '\($0)'?" }
        ?? "allowed keys: " + allowed.joined(separator: ", ")
      error(
        "unknown key '\(Self.shortened(key))' in \(what())", at: keyNode,
        path: child(path, keyNode: keyNode), hint: hint)
    }
    return true
  }

  /// A mapping's pairs whose keys are in `allowed`, in document order.
  func fields(of node: Node, allowed: KeySet) -> AllowedFields {
    AllowedFields(doc: doc, mapping: node, allowed: allowed)
  }

  /// Pair `i` of a mapping when its key is in `allowed`, else nil: the loop of
  /// `fields(of:allowed:)` written by the caller over `0..<doc.count(node)`, for the hot readers
  /// (the iterator holds a copy of the document, and copying it costs a retain per array).
  func field(_ node: Node, _ i: Int, allowed: KeySet)
    -> (key: String, keyNode: Node, value: Node)?
  {
    let keyNode = doc.key(node, i)
    guard let key = allowed.match(keyNode, in: doc) else { return nil }
    return (key, keyNode, doc.value(node, i))
  }

  /// Whether `pattern` compiles as a regular expression (each distinct pattern compiled once).
  mutating func isValidRegularExpression(_ pattern: String) -> Bool {
    if let known = checkedPatterns[pattern] { return known }
    let valid = (try? NSRegularExpression(pattern: pattern)) != nil
    checkedPatterns[pattern] = valid
    return valid
  }

  static let longestSuggestedKey = 64
  /// Most distinct one-string lists kept for sharing.
  static let sharedListLimit = 4096

  /// User text for a message: the first 40 characters, then "..." when there is more.
  static func shortened(_ s: String) -> String {
    s.index(s.startIndex, offsetBy: 41, limitedBy: s.endIndex) == nil
      ? s : String(s.prefix(40)) + "..."
  }

  // MARK: - Scalars

  mutating func string(_ node: Node, path: KeyPathRef) -> String? {
    if doc.isStringScalar(node) { return doc.scalarText(node) }
    typeError("a string", at: node, path: path)
    return nil
  }

  mutating func nonEmptyString(_ node: Node, path: KeyPathRef, what: String) -> String? {
    guard let s = string(node, path: path) else { return nil }
    if s.isEmpty {
      error("\(what) is empty", at: node, path: path)
      return nil
    }
    return s
  }

  /// Like `nonEmptyString`, for names that repeat across a file (model names): each distinct
  /// name is made into a `String` once.
  mutating func nonEmptyName(_ node: Node, path: KeyPathRef, what: String) -> String? {
    guard doc.isStringScalar(node) else {
      typeError("a string", at: node, path: path)
      return nil
    }
    if doc.scalarByteCount(node) == 0 {
      error("\(what) is empty", at: node, path: path)
      return nil
    }
    return interned.string(node, in: doc)
  }

  /// Every distinct name `nonEmptyName` has read.
  var names: [String] { interned.strings }

  mutating func integer(_ node: Node, path: KeyPathRef) -> Int? {
    if case .integer(let i) = doc.scalarValue(node) { return i }
    typeError("an integer", at: node, path: path)
    return nil
  }

  mutating func number(_ node: Node, path: KeyPathRef) -> Double? {
    if doc.isScalar(node), let d = doc.scalarValue(node).doubleValue { return d }
    typeError("a number", at: node, path: path)
    return nil
  }

  mutating func bool(_ node: Node, path: KeyPathRef) -> Bool? {
    if case .bool(let b) = doc.scalarValue(node) { return b }
    if doc.style(node) == .plain, let word = doc.scalarText(node),
      let meant = Self.yaml11Booleans[word.lowercased()]
    {
      error(
        "expected a boolean (true or false), found '\(word)'", at: node, path: path,
        hint: "YAML 1.2 booleans are true/false; write `\(meant)`")
      return nil
    }
    typeError("a boolean (true or false)", at: node, path: path)
    return nil
  }

  /// YAML 1.1's other words for booleans, which YAML 1.2 (and opal) reads as strings.
  static let yaml11Booleans: [String: Bool] = [
    "yes": true, "y": true, "on": true, "no": false, "n": false, "off": false,
  ]

  /// A string or a list of strings. Item `i`'s node is `item(of: node, i)`.
  mutating func stringList(_ node: Node, path: KeyPathRef) -> [String]? {
    if doc.isScalar(node) {
      if let text = doc.isStringScalar(node) ? doc.scalarText(node) : nil {
        if let shared = singleLists[text] { return shared }
        if singleLists.count < Self.sharedListLimit { singleLists[text] = [text] }
        return [text]
      }
      typeError("a string or a list of strings", at: node, path: path)
      return nil
    }
    guard doc.isSequence(node) else {
      typeError("a string or a list of strings", at: node, path: path)
      return nil
    }
    var out: [String] = []
    out.reserveCapacity(doc.count(node))
    var ok = true
    for i in 0..<doc.count(node) {
      let item = doc.item(node, i)
      if doc.isStringScalar(item), let s = doc.scalarText(item) {
        out.append(s)
      } else {
        ok = false
        typeError("a string", at: item, path: index(path, i))
      }
    }
    return ok ? out : nil
  }

  /// The node of item `i` of a `stringList` read from `node` (the node itself for one string).
  func item(of node: Node, _ i: Int) -> Node {
    doc.isSequence(node) ? doc.item(node, i) : node
  }

  /// A mapping, as a JSON object.
  mutating func object(_ node: Node, path: KeyPathRef) -> [String: JSONValue]? {
    guard doc.isMapping(node), case .object(let o) = doc.jsonValue(node) else {
      typeError("a mapping", at: node, path: path)
      return nil
    }
    return o
  }
}

/// The pairs of a mapping whose keys are allowed, as (key, key node, value node).
struct AllowedFields: Sequence, IteratorProtocol {
  let doc: YAMLDocument
  let mapping: YAMLDocument.NodeID
  let allowed: KeySet
  private var i = 0

  init(doc: YAMLDocument, mapping: YAMLDocument.NodeID, allowed: KeySet) {
    self.doc = doc
    self.mapping = mapping
    self.allowed = allowed
  }

  mutating func next() -> (key: String, keyNode: YAMLDocument.NodeID, value: YAMLDocument.NodeID)? {
    guard doc.isMapping(mapping) else { return nil }
    while i < doc.count(mapping) {
      defer { i += 1 }
      let keyNode = doc.key(mapping, i)
      if let key = allowed.match(keyNode, in: doc) {
        return (key, keyNode, doc.value(mapping, i))
      }
    }
    return nil
  }
}
