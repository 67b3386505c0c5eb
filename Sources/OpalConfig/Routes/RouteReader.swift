import OpalCore
import OpalYAML

/// Reads the `routes:` section of one file (SPEC §13): each route is `models:` or `graph:`
/// (exactly one), with an optional `description` and `tests`. Every problem is reported at the
/// offending element's file:line:col; the graph's own rules are `RouteGraphCheck`'s.
struct RouteReader {
  typealias Node = YAMLDocument.NodeID

  static let routeKeys = KeySet(["description", "models", "graph", "tests"])
  static let testKeys = KeySet(["name", "overrides", "input", "expect"])
  static let expectKeys = KeySet(["node", "path"])

  /// Reads `routes:` (`node`) and returns the routes that read without errors.
  static func read(_ node: Node, path: KeyPathRef, reader r: inout NodeReader) -> [RouteSpec] {
    let doc = r.doc
    guard doc.isMapping(node) else {
      r.typeError("a mapping of route names to routes", at: node, path: path)
      return []
    }
    var routes: [RouteSpec] = []
    for i in 0..<doc.count(node) {
      let keyNode = doc.key(node, i)
      guard let name = doc.scalarText(keyNode) else {
        r.error("route names must be strings, found \(doc.kindDescription(keyNode))", at: keyNode, path: path)
        continue
      }
      let mark = r.paths.count
      defer { r.paths.rewind(to: mark) }
      let routePath = r.child(path, keyNode: keyNode)
      if !Self.isValidName(name) {
        r.error(
          "route name '\(NodeReader.shortened(name))' is not valid", at: keyNode, path: routePath,
          hint: "route names are 1-128 letters, digits, '-', '_' or '.', starting with a letter or digit")
        continue
      }
      if let route = readRoute(
        name: name, keyNode: keyNode, value: doc.value(node, i), path: routePath, reader: &r)
      {
        routes.append(route)
      }
    }
    return routes
  }

  /// Route names as the emulator accepts them (Opper's rule is unverified; see docs/config.md).
  static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 128 else { return false }
    func ok(_ s: Unicode.Scalar) -> Bool {
      s.isASCII && (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s))
    }
    return ok(first) && name.unicodeScalars.allSatisfy { ok($0) || $0 == "-" || $0 == "_" || $0 == "." }
  }

  private static func readRoute(
    name: String, keyNode: Node, value: Node, path: KeyPathRef, reader r: inout NodeReader
  ) -> RouteSpec? {
    let before = r.diagnostics.filter { $0.severity == .error }.count
    guard r.checkFields(of: value, path: path, allowed: routeKeys, what: "route '\(name)'") else {
      return nil
    }
    var description: String?
    var chain: [String]?
    var graph: JSONValue?
    var tests: [RouteTest] = []
    var bodyKeys: [Node] = []
    for (key, fieldKey, node) in r.fields(of: value, allowed: routeKeys) {
      let p = r.child(path, keyNode: fieldKey)
      switch key {
      case "description":
        description = r.string(node, path: p)
      case "models":
        bodyKeys.append(fieldKey)
        chain = models(node, path: p, route: name, reader: &r)
      case "graph":
        bodyKeys.append(fieldKey)
        if RouteGraphCheck.check(node, path: p, route: name, reader: &r) { graph = r.doc.jsonValue(node) }
      default:
        tests = readTests(node, path: p, route: name, reader: &r)
      }
    }
    if bodyKeys.isEmpty {
      r.error(
        "route '\(name)' has neither 'models' nor 'graph'", at: keyNode, path: path,
        hint: "write 'models: [provider/model, ...]' for a fallback chain, or 'graph:' for any route graph")
    } else if bodyKeys.count > 1 {
      r.error(
        "route '\(name)' has both 'models' and 'graph'", at: bodyKeys[1], path: path,
        hint: "a route is either a chain ('models') or a graph ('graph'), not both")
    }
    guard r.diagnostics.filter({ $0.severity == .error }).count == before else { return nil }
    let body: RouteSpec.Body
    if let chain { body = .chain(chain) } else if let graph { body = .graph(graph) } else { return nil }
    return RouteSpec(
      name: name, description: description, body: body, tests: tests, location: r.location(keyNode))
  }

  private static func models(_ node: Node, path: KeyPathRef, route: String, reader r: inout NodeReader)
    -> [String]?
  {
    let doc = r.doc
    guard doc.isSequence(node) else {
      r.typeError("a list of model names", at: node, path: path)
      return nil
    }
    if doc.count(node) == 0 {
      r.error("the chain of route '\(route)' is empty", at: node, path: path, hint: "list at least one model")
      return nil
    }
    var models: [String] = []
    var firstAt: [String: SourceLocation] = [:]
    for i in 0..<doc.count(node) {
      let item = doc.item(node, i)
      let p = r.index(path, i)
      guard let model = r.nonEmptyName(item, path: p, what: "the model name") else { continue }
      if let first = firstAt[model] {
        r.error(
          "model '\(model)' appears twice in the chain of route '\(route)'", at: item, path: p,
          hint: "a chain tries each model once; remove the repeat",
          related: [.init(location: first, message: "first listed here")])
        continue
      }
      firstAt[model] = r.location(item)
      models.append(model)
    }
    return models
  }

  private static func readTests(_ node: Node, path: KeyPathRef, route: String, reader r: inout NodeReader)
    -> [RouteTest]
  {
    let doc = r.doc
    guard doc.isSequence(node) else {
      r.typeError("a list of route tests", at: node, path: path)
      return []
    }
    var tests: [RouteTest] = []
    for i in 0..<doc.count(node) {
      let item = doc.item(node, i)
      let p = r.index(path, i)
      guard r.checkFields(of: item, path: p, allowed: testKeys, what: "a test of route '\(route)'") else {
        continue
      }
      var test = RouteTest(location: r.location(item))
      for (key, keyNode, value) in r.fields(of: item, allowed: testKeys) {
        let fp = r.child(p, keyNode: keyNode)
        switch key {
        case "name": test.name = r.string(value, path: fp)
        case "overrides": test.overrides = r.object(value, path: fp).map { .object($0) }
        case "input": test.input = doc.jsonValue(value)
        default:
          guard r.checkFields(of: value, path: fp, allowed: expectKeys, what: "expect") else { continue }
          for (ek, ekNode, ev) in r.fields(of: value, allowed: expectKeys) {
            let ep = r.child(fp, keyNode: ekNode)
            if ek == "node" {
              test.expectNode = r.nonEmptyString(ev, path: ep, what: "the node id")
            } else {
              test.expectPath = r.stringList(ev, path: ep)
            }
          }
        }
      }
      if test.expectNode == nil && test.expectPath == nil {
        r.error(
          "a test of route '\(route)' expects nothing", at: item, path: p,
          hint: "add 'expect: {node: ID}' (the node that answers) or 'expect: {path: [ID, ...]}'")
        continue
      }
      tests.append(test)
    }
    return tests
  }
}
