import Foundation
import OpalCore
import Testing

@testable import OpalConfig

/// The loader reads `aliases:` entries as the parser completes them and drops their nodes
/// (`ConfigEntryHandoff`). Whatever a file holds, that gives the state and the diagnostics that
/// reading the whole document once built gives: same aliases in the same order, same messages
/// at the same lines.
enum HandoffCorpus {
  /// Every fixture (valid, invalid, fuzz) and every example file.
  static func files() -> [String] {
    let roots = [
      TestPaths.fixtures.appendingPathComponent("valid"),
      TestPaths.fixtures.appendingPathComponent("invalid"),
      TestPaths.fixtures.appendingPathComponent("fuzz"),
      TestPaths.repository.appendingPathComponent("examples"),
    ]
    var out: [String] = []
    for root in roots {
      guard let walk = FileManager.default.enumerator(atPath: root.path) else { continue }
      for case let name as String in walk where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
        out.append(root.appendingPathComponent(name).path)
      }
    }
    return out.sorted()
  }

  /// Files that put what the handoff must leave in the document among ordinary aliases.
  static let texts: [(name: String, text: String)] = [
    (
      "anchor-inside-an-alias",
      """
      version: 1
      aliases:
        a: {models: [x/one]}
        b: &shared {models: [x/two, x/three], description: shared}
        c: {models: [x/four]}
        d: *shared
        e: {<<: *shared, description: merged}
      """
    ),
    (
      "merge-at-the-aliases-level",
      """
      version: 1
      x-base: &base
        m: {models: [x/one]}
        a: {models: [x/ignored]}
      aliases:
        a: {models: [x/two]}
        <<: *base
        b: {models: [x/three]}
      """
    ),
    (
      "duplicates-misplaced-and-tags",
      """
      version: 1
      aliases:
        a: {models: [x/one]}
        a: {models: [x/two]}
        empty:
        models: [x/three]
        tagged: !!map {models: [x/four]}
        ? [not, a, string]
        : {models: [x/five]}
        bad: {models: x/six, colour: red}
        "quoted": {models: [x/seven, x/seven]}
        unresolved: {models: [*nowhere]}
        last: {models: [x/eight]}
      aliases:
        z: {models: [x/nine]}
      """
    ),
    (
      "aliases-before-version-with-smoke",
      """
      aliases:
        a:
          models: [x/one]
          smoke:
            - {name: echo, input: hi, expect: {contains: hi}}
        b: {models: [], renamed_from: [old-b, old-b]}
      smoke_defaults: {expect: {max_latency_ms: 100}}
      version: 1
      """
    ),
    ("aliases-not-a-mapping", "version: 1\naliases: [a, b]\n"),
    ("aliases-anchored", "version: 1\naliases: &all\n  a: {models: [x/one]}\nx-again: *all\n"),
    ("parser-error-after-aliases", "version: 1\naliases:\n  a: {models: [x/one]}\n  b: [\n"),
  ]

  static func generated(_ n: Int) -> String {
    var text = "version: 1\nx-chains:\n  c: &c [x/one, x/two]\naliases:\n"
    for i in 0..<n {
      text += i % 7 == 3 ? "  alias-\(i): &anchor\(i)\n" : "  alias-\(i):\n"
      text += "    description: alias \(i)\n"
      text += i % 2 == 0 ? "    models: *c\n" : "    models: [x/\(i), x/one]\n"
      if i % 5 == 0 { text += "    smoke: [{name: s\(i), input: hello, expect: {contains: hello}}]\n" }
      if i % 11 == 0 { text += "    colour: blue\n" }
    }
    return text
  }
}

/// Loads with and without the handoff.
private func bothWays(_ load: (ConfigLoader) -> ConfigLoadResult) -> (ConfigLoadResult, ConfigLoadResult) {
  var whole = ConfigLoader()
  whole.readsAliasesAsParsed = false
  return (load(ConfigLoader()), load(whole))
}

@Test func handoffCorpusIsPresent() {
  #expect(HandoffCorpus.files().count >= 100)
}

@Test(arguments: HandoffCorpus.files())
func handedOverFileLoadsAsTheWholeDocument(_ path: String) {
  let (handed, whole) = bothWays { $0.load(paths: [path]) }
  #expect(handed.state == whole.state)
  #expect(handed.diagnostics == whole.diagnostics)
}

@Test(arguments: HandoffCorpus.texts.map(\.name))
func handedOverTextLoadsAsTheWholeDocument(_ name: String) throws {
  let text = try #require(HandoffCorpus.texts.first { $0.name == name }).text
  let (handed, whole) = bothWays { $0.load(text: text, file: name + ".yaml") }
  #expect(handed.state == whole.state)
  #expect(handed.diagnostics == whole.diagnostics)
  #expect(!whole.diagnostics.isEmpty || whole.state?.aliases.isEmpty == false)
}

@Test func largeFileWithAnchorsAmongAliasesLoadsAsTheWholeDocument() throws {
  // Large enough for the parser's own thread; every 7th alias keeps its nodes (an anchor).
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("handoff-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let file = folder.appendingPathComponent("large.yaml")
  try Data(HandoffCorpus.generated(20_000).utf8).write(to: file)
  let (handed, whole) = bothWays { $0.load(paths: [file.path]) }
  // Compared without printing thousands of diagnostics when they differ.
  #expect(handed.state == whole.state)
  #expect(handed.diagnostics.elementsEqual(whole.diagnostics))
  #expect(handed.state == nil)  // `colour:` is an unknown key
  #expect(handed.diagnostics.count == (20_000 + 10) / 11)
}
