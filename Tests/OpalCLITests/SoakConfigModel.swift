import Foundation
import OpalCore

/// The desired state a fault soak drives towards, mutated cycle by cycle from a seed: aliases
/// are added, pruned, renamed (via `renamed_from`), their chains reordered or swapped and their
/// descriptions set, changed or cleared. Rendered as an opal config that owns `soak/*`.
struct SoakConfigModel {
  /// One declared alias.
  struct Entry: Equatable {
    var models: [String]
    var description: String?
    /// Set for the one cycle in which the alias is renamed from this name.
    var renamedFrom: String?
  }

  static let scopeInclude = "soak/*"
  static let protectGlob = "soak/protected-*"
  static let models = [
    "openai/gpt-4o", "openai/gpt-4o-mini", "openai/gpt-4.1", "anthropic/claude-sonnet-4",
    "aws/claude-sonnet-4-eu", "gcp/claude-sonnet-4", "gcp/gemini-2.5-flash", "mistral/mistral-small-eu",
    "groq/llama-3.3-70b-versatile", "xai/grok-3-mini",
  ]
  /// Awkward name parts: spaces, URL metacharacters, non-ASCII, YAML indicators.
  static let nameFlavours = ["", "", "", " x", "-é", "?q=1", "#frag", "%20", ": colon", "/deep/er"]
  static let descriptions = [
    "Primary chain", "EU first, then US", "quoted \"words\" and 'single'", "yes", "null",
    "line: with colon", "ünïcödé ✓", "# not a comment", "- not a list", "",
  ]

  private(set) var aliases: [String: Entry] = [:]
  private var random: SoakRandom
  private var counter = 0

  init(seed: UInt64, initialCount: Int) {
    random = SoakRandom(seed: seed)
    for _ in 0..<initialCount { add() }
  }

  /// The change kinds one `mutate()` made, for the report.
  struct Mutation: CustomStringConvertible {
    var added = 0, removed = 0, renamed = 0, reordered = 0, rechained = 0, redescribed = 0
    var description: String {
      "+\(added) -\(removed) →\(renamed) ⇅\(reordered) ~chain \(rechained) ~desc \(redescribed)"
    }
  }

  /// One cycle's worth of edits. At most two removals per cycle (under the default --max-delete
  /// floor of 3); never fewer than three aliases.
  mutating func mutate() -> Mutation {
    var m = Mutation()
    for name in aliases.keys { aliases[name]?.renamedFrom = nil }
    var untouched = Set(aliases.keys)
    func pick() -> String? {
      guard let name = untouched.sorted().randomElement(using: &random) else { return nil }
      untouched.remove(name)
      return name
    }
    for _ in 0..<random.int(in: 0...2) where aliases.count > 3 {
      guard let name = pick() else { break }
      aliases[name] = nil
      m.removed += 1
    }
    for _ in 0..<random.int(in: 0...2) {
      guard let old = pick(), var entry = aliases.removeValue(forKey: old) else { break }
      entry.renamedFrom = old
      if random.int(in: 0...2) == 0 { entry.description = randomDescription() }
      aliases[freshName()] = entry
      m.renamed += 1
    }
    for _ in 0..<random.int(in: 0...3) {
      guard let name = pick(), var entry = aliases[name], entry.models.count > 1 else { continue }
      let before = entry.models
      while entry.models == before { entry.models.shuffle(using: &random) }
      aliases[name] = entry
      m.reordered += 1
    }
    for _ in 0..<random.int(in: 0...1) {
      guard let name = pick(), var entry = aliases[name] else { continue }
      entry.models = randomChain()
      aliases[name] = entry
      m.rechained += 1
    }
    for _ in 0..<random.int(in: 1...3) {
      guard let name = pick(), var entry = aliases[name] else { continue }
      let before = entry.description
      while entry.description == before { entry.description = randomDescription() }
      aliases[name] = entry
      m.redescribed += 1
    }
    for _ in 0..<random.int(in: 1...4) {
      add()
      m.added += 1
    }
    return m
  }

  private mutating func add() {
    aliases[freshName()] = Entry(models: randomChain(), description: randomDescription())
  }

  private mutating func freshName() -> String {
    counter += 1
    let flavour = Self.nameFlavours.randomElement(using: &random) ?? ""
    return "soak/a\(counter)\(flavour)"
  }

  private mutating func randomChain() -> [String] {
    Array(Self.models.shuffled(using: &random).prefix(random.int(in: 1...4)))
  }

  private mutating func randomDescription() -> String? {
    let pick = random.int(in: 0...Self.descriptions.count)
    return pick == Self.descriptions.count ? nil : Self.descriptions[pick]
  }

  /// The config file: every string JSON-quoted (a JSON string is a YAML double-quoted scalar).
  var yaml: String {
    func q(_ s: String) -> String {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.withoutEscapingSlashes]
      return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
    var out = """
      version: 1
      scope:
        include: [\(q(Self.scopeInclude))]
        protect: [\(q(Self.protectGlob))]
      prune: true
      aliases:

      """
    for name in aliases.keys.sorted() {
      guard let entry = aliases[name] else { continue }
      out += "  \(q(name)):\n"
      if let d = entry.description { out += "    description: \(q(d))\n" }
      out += "    models: [\(entry.models.map(q).joined(separator: ", "))]\n"
      if let old = entry.renamedFrom { out += "    renamed_from: [\(q(old))]\n" }
    }
    return out
  }
}

/// The soak's own choices (config mutations, fault seeds, signal timing) come from the same
/// seeded generator the emulator uses for its faults.
typealias SoakRandom = SeededRandom

extension SeededRandom {
  mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}
