import OpalCore
import OpalYAML

/// Reads one file's node tree into a `ConfigFragment` (SPEC §2), reporting every problem.
struct ConfigFileReader {
  static let topKeys = ["version", "scope", "prune", "smoke_defaults", "aliases"]
  static let scopeKeys = ["include", "exclude", "protect"]
  static let aliasKeys = ["description", "models", "renamed_from", "smoke"]
  static let supportedVersion = 1

  private var r: NodeReader
  private var fragment: ConfigFragment
  /// Globs by pattern, compiled once: aliases can repeat one long pattern many times.
  private var compiledGlobs: [String: Result<Glob, Glob.SyntaxError>] = [:]

  init(file: String) {
    r = NodeReader(file: file)
    fragment = ConfigFragment(file: file)
  }

  /// The fragment and the diagnostics found in it.
  static func read(_ root: YAMLNode, file: String) -> (ConfigFragment, [Diagnostic]) {
    var reader = ConfigFileReader(file: file)
    reader.readTop(root)
    return (reader.fragment, reader.r.diagnostics)
  }

  private mutating func readTop(_ root: YAMLNode) {
    guard
      let fields = r.fields(
        of: root, path: "", allowed: Self.topKeys, what: "the top level of an opal config",
        extensions: true)
    else { return }
    var sawVersion = false
    for (key, keyNode, value) in fields {
      let at = r.location(keyNode)
      switch key {
      case "version":
        sawVersion = true
        guard let v = r.integer(value, path: key) else { continue }
        if v != Self.supportedVersion {
          r.error(
            "unsupported version \(v); this opal reads version \(Self.supportedVersion)",
            at: value, path: key, hint: "set 'version: 1'")
        }
      case "scope":
        if let scope = readScope(value) { fragment.scope = .init(value: scope, location: at) }
      case "prune":
        if let b = r.bool(value, path: key) { fragment.prune = .init(value: b, location: at) }
      case "smoke_defaults":
        if let c = SmokeCaseReader.read(value, path: key, what: "smoke_defaults", reader: &r) {
          fragment.smokeDefaults = .init(value: c, location: at)
        }
      case "aliases":
        readAliases(value)
      default: break
      }
    }
    if !sawVersion {
      r.error("missing 'version'", at: root, path: "", hint: "add 'version: 1' at the top of the file")
    }
  }

  private mutating func readScope(_ node: YAMLNode) -> Scope? {
    guard let fields = r.fields(of: node, path: "scope", allowed: Self.scopeKeys, what: "scope")
    else { return nil }
    var scope = Scope()
    var ok = true
    for (key, _, value) in fields {
      let path = ConfigKeyPath.child("scope", key)
      guard let set = globs(value, path: path) else {
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

  private mutating func globs(_ node: YAMLNode, path: String) -> GlobSet? {
    guard let list = r.stringList(node, path: path) else { return nil }
    var out: [Glob] = []
    var seen = Set<String>()
    var ok = true
    for (i, (pattern, item)) in list.enumerated() {
      let itemPath = node.sequenceItems == nil ? path : ConfigKeyPath.index(path, i)
      let compiled =
        compiledGlobs[pattern] ?? Result { () throws(Glob.SyntaxError) in try Glob(pattern) }
      compiledGlobs[pattern] = compiled
      switch compiled {
      case .success(let glob):
        // A repeated pattern adds nothing to a set that matches when any glob does.
        if seen.insert(pattern).inserted { out.append(glob) }
      case .failure(let error):
        ok = false
        r.error(
          "invalid glob '\(NodeReader.shortened(pattern))': \(error.message)", at: item,
          path: itemPath,
          hint: "globs use * ? [abc] [a-z] [!x]; escape a literal with a backslash")
      }
    }
    return ok ? GlobSet(out) : nil
  }

  private mutating func readAliases(_ node: YAMLNode) {
    guard let pairs = node.mappingPairs else {
      r.typeError("a mapping of alias names to their chains", at: node, path: "aliases")
      return
    }
    fragment.aliases.reserveCapacity(pairs.count)
    for pair in pairs {
      guard let name = pair.key.scalarText else {
        r.error(
          "alias names must be strings, found \(pair.key.kindDescription)", at: pair.key,
          path: "aliases")
        continue
      }
      let path = ConfigKeyPath.child("aliases", name)
      if let problem = AliasNameCheck.problem(name) {
        r.error(
          "alias name \(quoted(name)) \(problem)", at: pair.key, path: path,
          hint: "names are 1-255 characters, without control characters or surrounding spaces")
      }
      readAlias(name: name, keyNode: pair.key, value: pair.value, path: path)
    }
  }

  private mutating func readAlias(name: String, keyNode: YAMLNode, value: YAMLNode, path: String) {
    let before = r.diagnostics.count
    guard
      let fields = r.fields(of: value, path: path, allowed: Self.aliasKeys, what: "alias '\(name)'")
    else { return }
    let unknownKeys = r.diagnostics.count > before
    var declared = ConfigFragment.DeclaredAlias(
      spec: AliasSpec(name: name, models: [], location: r.location(keyNode)), keyPath: path,
      hops: [], renames: [])
    var sawModels = false
    for (key, _, node) in fields {
      let p = ConfigKeyPath.child(path, key)
      switch key {
      case "description":
        guard let d = r.string(node, path: p) else { continue }
        let length = d.unicodeScalars.count
        if length > AliasNameCheck.maxDescriptionLength {
          r.error("description is \(length) characters long; the limit is 1000", at: node, path: p)
        }
        declared.spec.description = d
      case "models":
        sawModels = true
        declared.hops = chain(node, path: p, alias: name)
        declared.spec.models = declared.hops.map(\.name)
        declared.spec.modelLocations = declared.hops.map(\.location)
      case "renamed_from":
        declared.renames = renames(node, path: p)
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
    fragment.aliases.append(declared)
  }

  private mutating func chain(_ node: YAMLNode, path: String, alias: String)
    -> [ConfigFragment.NameUse]
  {
    guard let items = node.sequenceItems else {
      r.typeError("a list of model names", at: node, path: path)
      return []
    }
    if items.isEmpty {
      r.error(
        "the chain of '\(alias)' is empty", at: node, path: path,
        hint: "list at least one model")
    }
    var hops: [ConfigFragment.NameUse] = []
    hops.reserveCapacity(items.count)
    var index: [String: Int]? = items.count > 16 ? [:] : nil
    for (i, item) in items.enumerated() {
      let p = ConfigKeyPath.index(path, i)
      guard let model = r.nonEmptyString(item, path: p, what: "the model name") else { continue }
      if let first = firstUse(of: model, in: hops, index: &index) {
        r.error(
          "model '\(model)' appears twice in the chain of '\(alias)'", at: item, path: p,
          hint: "a chain tries each model once; remove the repeat",
          related: [.init(location: first.location, message: "first listed here")])
        continue
      }
      index?[model] = hops.count
      hops.append(.init(name: model, location: r.location(item), keyPath: p))
    }
    return hops
  }

  /// The earlier hop of that name: a linear scan for short chains, a dictionary for long ones.
  private func firstUse(
    of name: String, in hops: [ConfigFragment.NameUse], index: inout [String: Int]?
  ) -> ConfigFragment.NameUse? {
    if let index { return index[name].map { hops[$0] } }
    return hops.first { $0.name == name }
  }

  private mutating func renames(_ node: YAMLNode, path: String) -> [ConfigFragment.NameUse] {
    guard let list = r.stringList(node, path: path) else { return [] }
    var out: [ConfigFragment.NameUse] = []
    var seen = Set<String>()
    for (i, (name, item)) in list.enumerated() {
      let p = node.sequenceItems == nil ? path : ConfigKeyPath.index(path, i)
      if let problem = AliasNameCheck.problem(name) {
        r.error("renamed_from name \(quoted(name)) \(problem)", at: item, path: p)
        continue
      }
      guard seen.insert(name).inserted else {
        r.error("'\(name)' is listed twice in renamed_from", at: item, path: p)
        continue
      }
      out.append(.init(name: name, location: r.location(item), keyPath: p))
    }
    return out
  }

  private mutating func smokeCases(_ node: YAMLNode, path: String, alias: String) -> [SmokeCase] {
    guard let items = node.sequenceItems else {
      r.typeError("a list of smoke cases", at: node, path: path)
      return []
    }
    var cases: [SmokeCase] = []
    for (i, item) in items.enumerated() {
      let what = "a smoke case of '\(alias)'"
      if let c = SmokeCaseReader.read(item, path: ConfigKeyPath.index(path, i), what: what, reader: &r) {
        cases.append(c)
      }
    }
    return cases
  }

  /// The name quoted for a message, shortened past 40 characters.
  private func quoted(_ s: String) -> String {
    var out = ""
    // Only the first 41 characters are looked at: names may be long and repeated by aliases.
    let shown = s.index(s.startIndex, offsetBy: 41, limitedBy: s.endIndex) == nil
      ? s : String(s.prefix(37)) + "..."
    JSONValue.writeEscaped(shown, into: &out)
    return out
  }
}
