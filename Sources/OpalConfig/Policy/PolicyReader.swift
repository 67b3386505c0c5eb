import OpalCore
import OpalYAML

/// Reads the config's `policy:` (a rule set, or a list of them) into `CatalogPolicy` values,
/// reporting every problem with its place.
struct PolicyReader {
  typealias Node = YAMLDocument.NodeID

  static let ruleKeys = KeySet([
    "names", "severity", "min_providers", "regions", "countries", "max_price_per_mtok",
    "require_capabilities", "no_retired",
  ])
  static let priceKeys = KeySet(["input", "output"])

  /// The rule sets of `node` at `path` (`policy`).
  static func read(_ node: Node, path: KeyPathRef, reader r: inout NodeReader) -> [CatalogPolicy] {
    if r.doc.isSequence(node) {
      var out: [CatalogPolicy] = []
      for i in 0..<r.doc.count(node) {
        if let set = ruleSet(r.doc.item(node, i), path: r.index(path, i), reader: &r) { out.append(set) }
      }
      return out
    }
    return ruleSet(node, path: path, reader: &r).map { [$0] } ?? []
  }

  private static func ruleSet(_ node: Node, path: KeyPathRef, reader r: inout NodeReader) -> CatalogPolicy? {
    guard r.checkFields(of: node, path: path, allowed: ruleKeys, what: "a policy rule set") else {
      return nil
    }
    var policy = CatalogPolicy(location: r.location(node), keyPath: r.render(path))
    var ok = true
    for (key, keyNode, value) in r.fields(of: node, allowed: ruleKeys) {
      let p = r.child(path, keyNode: keyNode)
      switch key {
      case "names":
        guard let patterns = r.stringList(value, path: p) else {
          ok = false
          continue
        }
        do {
          policy.names = try GlobSet(patterns: patterns)
        } catch {
          ok = false
          r.error(
            "invalid glob: \(error.message)", at: value, path: p, hint: "globs use * ? [abc] [a-z] [!x]")
        }
      case "severity":
        switch r.string(value, path: p) {
        case "error"?: policy.severity = .error
        case "warning"?: policy.severity = .warning
        case let other?:
          ok = false
          r.error(
            "severity must be error or warning, not '\(NodeReader.shortened(other))'", at: value, path: p)
        case nil: ok = false
        }
      case "min_providers":
        guard let n = r.integer(value, path: p) else {
          ok = false
          continue
        }
        if n < 1 {
          ok = false
          r.error("min_providers must be 1 or more", at: value, path: p)
        }
        policy.minProviders = n
      case "regions", "countries", "require_capabilities":
        guard let list = r.stringList(value, path: p) else {
          ok = false
          continue
        }
        if key == "regions" { policy.regions = list }
        if key == "countries" { policy.countries = list }
        if key == "require_capabilities" { policy.requireCapabilities = list }
      case "max_price_per_mtok":
        guard let ceiling = price(value, path: p, reader: &r) else {
          ok = false
          continue
        }
        policy.maxPricePerMtok = ceiling
      case "no_retired":
        guard let b = r.bool(value, path: p) else {
          ok = false
          continue
        }
        policy.noRetired = b
      default: break
      }
    }
    return ok ? policy : nil
  }

  private static func price(
    _ node: Node, path: KeyPathRef, reader r: inout NodeReader
  ) -> CatalogPolicy.PriceCeiling? {
    guard r.checkFields(of: node, path: path, allowed: priceKeys, what: "max_price_per_mtok") else {
      return nil
    }
    var ceiling = CatalogPolicy.PriceCeiling()
    var ok = true
    for (key, keyNode, value) in r.fields(of: node, allowed: priceKeys) {
      let p = r.child(path, keyNode: keyNode)
      guard let d = r.number(value, path: p) else {
        ok = false
        continue
      }
      guard d >= 0, d.isFinite else {
        ok = false
        r.error("a price is a number of 0 or more", at: value, path: p)
        continue
      }
      if key == "input" { ceiling.input = d } else { ceiling.output = d }
    }
    return ok ? ceiling : nil
  }
}
