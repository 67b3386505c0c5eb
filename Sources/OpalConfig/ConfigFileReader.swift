import OpalCore
import OpalYAML

/// Reads one file's YAML document into a `ConfigFragment` (SPEC §2), reporting every problem.
struct ConfigFileReader {
  typealias Node = YAMLDocument.NodeID

  static let topKeys = KeySet([
    "version", "scope", "prune", "smoke_defaults", "policy", "aliases", "routes", "custom_models",
  ])
  static let scopeKeys = KeySet(["include", "exclude", "protect"])
  static let aliasKeys = KeySet(["description", "models", "renamed_from", "smoke"])
  static let supportedVersion = 1

  var r: NodeReader
  var fragment: ConfigFragment
  /// For each entry read while the document was built (`ConfigEntryHandoff`), in order, whether
  /// it declared an alias (already appended to `fragment`).
  var handedDeclared: [Bool] = []
  /// Globs by pattern, compiled once: aliases can repeat one long pattern many times.
  private var compiledGlobs: [String: Result<Glob, Glob.SyntaxError>] = [:]

  init(doc: YAMLDocument, file: String) {
    r = NodeReader(doc: doc, file: file)
    fragment = ConfigFragment(file: file)
  }

  /// The fragment; every problem found in it is emitted into `diagnostics`.
  static func read(_ doc: YAMLDocument, file: String, into diagnostics: some DiagnosticCollector)
    -> ConfigFragment
  {
    var reader = ConfigFileReader(doc: doc, file: file)
    return reader.finish(into: diagnostics)
  }

  /// Reads the rest of the document (everything not already handed over) into the fragment.
  mutating func finish(into diagnostics: some DiagnosticCollector) -> ConfigFragment {
    readTop(r.doc.root)
    fragment.modelNames = r.names
    diagnostics.emit(contentsOf: r.diagnostics)
    return fragment
  }

  private mutating func readTop(_ root: Node) {
    guard
      r.checkFields(
        of: root, path: .root, allowed: Self.topKeys, what: "the top level of an opal config",
        extensions: true)
    else { return }
    var sawVersion = false
    for (key, keyNode, value) in r.fields(of: root, allowed: Self.topKeys) {
      let at = r.location(keyNode)
      let path = r.child(.root, keyNode: keyNode)
      switch key {
      case "version":
        sawVersion = true
        guard let v = r.integer(value, path: path) else { continue }
        if v != Self.supportedVersion {
          r.error(
            "unsupported version \(v); this opal reads version \(Self.supportedVersion)",
            at: value, path: path, hint: "set 'version: 1'")
        }
      case "scope":
        if let scope = readScope(value, path: path) {
          fragment.scope = .init(value: scope, location: at)
        }
      case "prune":
        if let b = r.bool(value, path: path) { fragment.prune = .init(value: b, location: at) }
      case "smoke_defaults":
        if let c = SmokeCaseReader.read(value, path: path, what: "smoke_defaults", reader: &r) {
          fragment.smokeDefaults = .init(value: c, location: at)
        }
      case "policy":
        fragment.policies = PolicyReader.read(value, path: path, reader: &r)
      case "aliases":
        readAliases(value, path: path)
      case "routes":
        fragment.routes = RouteReader.read(value, path: path, reader: &r)
      case "custom_models":
        fragment.customModels = CustomModelReader.read(value, path: path, reader: &r)
      default: break
      }
    }
    if !sawVersion {
      r.error(
        "missing 'version'", at: root, path: .root, hint: "add 'version: 1' at the top of the file")
    }
  }

  private mutating func readScope(_ node: Node, path: KeyPathRef) -> Scope? {
    guard r.checkFields(of: node, path: path, allowed: Self.scopeKeys, what: "scope") else {
      return nil
    }
    var scope = Scope()
    var ok = true
    for (key, keyNode, value) in r.fields(of: node, allowed: Self.scopeKeys) {
      guard let set = globs(value, path: r.child(path, keyNode: keyNode)) else {
        ok = false
        continue
      }
      switch key {
      case "include": scope.include = set
      case "exclude": scope.exclude = set
      default: scope.protect = set
      }
    }
    return ok ? scope : nil
  }

  private mutating func globs(_ node: Node, path: KeyPathRef) -> GlobSet? {
    guard let list = r.stringList(node, path: path) else { return nil }
    var out: [Glob] = []
    var seen = Set<String>()
    var ok = true
    for (i, pattern) in list.enumerated() {
      let compiled =
        compiledGlobs[pattern] ?? Result { () throws(Glob.SyntaxError) in try Glob(pattern) }
      compiledGlobs[pattern] = compiled
      switch compiled {
      case .success(let glob):
        // A repeated pattern adds nothing to a set that matches when any glob does.
        if seen.insert(pattern).inserted { out.append(glob) }
      case .failure(let error):
        ok = false
        let itemPath = r.doc.isSequence(node) ? r.index(path, i) : path
        r.error(
          "invalid glob '\(NodeReader.shortened(pattern))': \(error.message)",
          at: r.item(of: node, i), path: itemPath,
          hint: "globs use * ? [abc] [a-z] [!x]; escape a literal with a backslash")
      }
    }
    return ok ? GlobSet(out) : nil
  }

  private mutating func readAliases(_ node: Node, path: KeyPathRef) {
    let doc = r.doc
    guard doc.isMapping(node) else {
      r.typeError("a mapping of alias names to their chains", at: node, path: path)
      return
    }
    // Every pair read while the document was built: the fragment holds them in order already.
    if !handedDeclared.isEmpty && doc.handedOverCount == doc.count(node) { return }
    // Otherwise pairs kept in the document stand among them: place every alias in pair order.
    var handed = Array(fragment.aliases).makeIterator()
    var handedEntries = handedDeclared.makeIterator()
    fragment.specs = []
    fragment.details = [:]
    fragment.specs.reserveCapacity(doc.count(node))
    var i = 0
    while i < doc.count(node) {
      defer { i += 1 }
      if doc.isHandedOver(doc.value(node, i)) {
        if handedEntries.next() == true, let alias = handed.next() { fragment.append(alias) }
        continue
      }
      let keyNode = doc.key(node, i)
      if let misplaced = misplacedKeys(after: i, in: node) {
        reportUnindented(alias: i, keys: misplaced, in: node, path: path)
        i = misplaced.upperBound - 1
        continue
      }
      if let alias = readEntry(keyNode: keyNode, value: doc.value(node, i), path: path) {
        fragment.append(alias)
      }
    }
  }

  /// One pair of `aliases:`: the alias its key names, when there is one to declare.
  mutating func readEntry(keyNode: Node, value: Node, path: KeyPathRef)
    -> ConfigFragment.DeclaredAlias?
  {
    guard let name = r.doc.scalarText(keyNode) else {
      r.error(
        "alias names must be strings, found \(r.doc.kindDescription(keyNode))", at: keyNode,
        path: path)
      return nil
    }
    // Paths made while reading one alias are dropped after it.
    let mark = r.paths.count
    defer { r.paths.rewind(to: mark) }
    let aliasPath = r.child(path, keyNode: keyNode)
    if let problem = AliasNameCheck.problem(name) {
      r.error(
        "alias name \(quoted(name)) \(problem)", at: keyNode, path: aliasPath,
        hint: "names are 1-255 characters, without control characters or surrounding spaces")
    }
    return readAlias(name: name, keyNode: keyNode, value: value, path: aliasPath)
  }

  /// The pairs after alias `i` that look like its own keys written at its level (`models:`
  /// under `aliases:` beside a `sonnet4:` left empty), when there are any.
  private func misplacedKeys(after i: Int, in aliases: Node) -> Range<Int>? {
    let doc = r.doc
    let value = doc.value(aliases, i)
    guard doc.isScalar(value), doc.scalarValue(value) == .null, !doc.isUnresolvedAlias(value)
    else { return nil }
    var end = i + 1
    // An alias named like a key has a mapping as its value; a misplaced key has not.
    while end < doc.count(aliases), Self.aliasKeys.match(doc.key(aliases, end), in: doc) != nil,
      !doc.isMapping(doc.value(aliases, end))
    {
      end += 1
    }
    return end > i + 1 ? (i + 1)..<end : nil
  }

  /// One error for an alias left empty whose keys follow it unindented.
  private mutating func reportUnindented(
    alias i: Int, keys: Range<Int>, in aliases: Node, path: KeyPathRef
  ) {
    let doc = r.doc
    let keyNode = doc.key(aliases, i)
    let name = NodeReader.shortened(doc.scalarText(keyNode) ?? "")
    let first = doc.key(aliases, keys.lowerBound)
    let key = doc.scalarText(first) ?? ""
    let others = keys.count > 1 ? " (and the \(keys.count - 1) key(s) after it)" : ""
    r.error(
      "alias '\(name)' has no content; '\(key)' at line \(doc.mark(first).line) looks like "
        + "it belongs under it",
      at: keyNode, path: r.child(path, keyNode: keyNode),
      hint: "indent '\(key)'\(others) under '\(name)', deeper than its column \(doc.mark(keyNode).column)",
      related: [.init(location: r.location(first), message: "'\(key)' written at the alias's level")])
  }

  private mutating func readAlias(name: String, keyNode: Node, value: Node, path: KeyPathRef)
    -> ConfigFragment.DeclaredAlias?
  {
    let before = r.diagnostics.count
    guard
      r.checkFields(of: value, path: path, allowed: Self.aliasKeys, what: "alias '\(name)'", extensions: true)
    else { return nil }
    let unknownKeys = r.diagnostics.count > before
    var declared = ConfigFragment.DeclaredAlias(
      spec: AliasSpec(name: name, models: [], location: r.location(keyNode)), hopIndices: nil,
      renames: [])
    var sawModels = false
    for i in 0..<r.doc.count(value) {
      guard let (key, keyNode, node) = r.field(value, i, allowed: Self.aliasKeys) else { continue }
      let p = r.child(path, keyNode: keyNode)
      switch key {
      case "description":
        // A null, asked about without making the text of every description a `String` twice.
        if r.doc.isScalar(node), !r.doc.isStringScalar(node), r.doc.scalarValue(node) == .null {
          r.error(
            "description is empty", at: node, path: p, hint: "write a text or remove the key")
          continue
        }
        guard let d = r.string(node, path: p) else { continue }
        if d.utf8.count > AliasNameCheck.maxDescriptionLength {
          let length = d.unicodeScalars.count
          if length > AliasNameCheck.maxDescriptionLength {
            r.error("description is \(length) characters long; the limit is 1000", at: node, path: p)
          }
        }
        declared.spec.description = d
      case "models":
        sawModels = true
        chain(node, path: p, alias: name, into: &declared)
      case "renamed_from":
        declared.renames = renames(node, path: p, alias: name)
        declared.spec.renamedFrom = declared.renames.map(\.name)
      case "smoke":
        declared.spec.smoke = smokeCases(node, path: p, alias: name)
      default: break
      }
    }
    if !sawModels && !unknownKeys {
      r.error(
        "alias '\(name)' has no 'models'", at: keyNode, path: path,
        hint: "add 'models: [provider/model, ...]', the chain tried in order")
    }
    return declared
  }

  /// Reads `models:` into the alias's spec (names and positions; later keys replace earlier).
  private mutating func chain(
    _ node: Node, path: KeyPathRef, alias: String, into declared: inout ConfigFragment.DeclaredAlias
  ) {
    let doc = r.doc
    declared.spec.models = []
    declared.spec.modelLocations = []
    declared.hopIndices = nil
    guard doc.isSequence(node) else {
      if doc.isStringScalar(node), let text = doc.scalarText(node), !text.isEmpty {
        r.error(
          "models must be a list, found a string", at: node, path: path,
          hint: "wrap it in [ ]: models: [\(NodeReader.shortened(text))]")
      } else {
        r.typeError("a list of model names", at: node, path: path)
      }
      return
    }
    let count = doc.count(node)
    if count == 0 {
      r.error(
        "the chain of '\(alias)' is empty", at: node, path: path, hint: "list at least one model")
    }
    var models: [String] = []
    var locations: [SourceLocation] = []
    // Item index of each hop, made only once an item is skipped (until then hop i is item i).
    var indices: [Int]?
    models.reserveCapacity(count)
    locations.reserveCapacity(count)
    var index: [String: Int]? = count > 16 ? [:] : nil
    for i in 0..<count {
      let item = doc.item(node, i)
      let p = r.index(path, i)
      guard let model = r.nonEmptyName(item, path: p, what: "the model name") else {
        if indices == nil { indices = Array(0..<models.count) }
        continue
      }
      let first = index.map { $0[model] } ?? models.firstIndex(of: model)
      if let first {
        r.error(
          "model '\(model)' appears twice in the chain of '\(alias)'", at: item, path: p,
          hint: "a chain tries each model once; remove the repeat",
          related: [.init(location: locations[first], message: "first listed here")])
        if indices == nil { indices = Array(0..<models.count) }
        continue
      }
      index?[model] = models.count
      models.append(model)
      locations.append(r.location(item))
      indices?.append(i)
    }
    declared.spec.models = models
    declared.spec.modelLocations = locations
    declared.hopIndices = indices
  }

  private mutating func renames(_ node: Node, path: KeyPathRef, alias: String)
    -> [ConfigFragment.NameUse]
  {
    guard let list = r.stringList(node, path: path) else { return [] }
    let isList = r.doc.isSequence(node)
    var out: [ConfigFragment.NameUse] = []
    var seen = Set<String>()
    for (i, name) in list.enumerated() {
      let item = r.item(of: node, i)
      if let problem = AliasNameCheck.problem(name) {
        r.error(
          "renamed_from name \(quoted(name)) \(problem)", at: item,
          path: isList ? r.index(path, i) : path)
        continue
      }
      guard seen.insert(name).inserted else {
        r.error(
          "'\(name)' is listed twice in renamed_from", at: item,
          path: isList ? r.index(path, i) : path)
        continue
      }
      out.append(
        .init(
          name: name, location: r.location(item), alias: alias, field: "renamed_from",
          index: isList ? i : nil))
    }
    return out
  }

  private mutating func smokeCases(_ node: Node, path: KeyPathRef, alias: String) -> [SmokeCase] {
    let doc = r.doc
    guard doc.isSequence(node) else {
      r.typeError("a list of smoke cases", at: node, path: path)
      return []
    }
    var cases: [SmokeCase] = []
    cases.reserveCapacity(doc.count(node))
    for i in 0..<doc.count(node) {
      if let c = SmokeCaseReader.read(
        doc.item(node, i), path: r.index(path, i), what: "a smoke case of '\(alias)'", reader: &r)
      {
        cases.append(c)
      }
    }
    return cases
  }

  /// The name quoted for a message, shortened past 40 characters.
  private func quoted(_ s: String) -> String {
    // Only the first 41 characters are looked at: names may be long and repeated by aliases.
    let shown =
      s.index(s.startIndex, offsetBy: 41, limitedBy: s.endIndex) == nil
      ? s : String(s.prefix(37)) + "..."
    return CompactJSON.quoted(shown)
  }
}
