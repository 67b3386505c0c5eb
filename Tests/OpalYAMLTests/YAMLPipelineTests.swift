import OpalCore
import Testing

@testable import OpalYAML

// libyaml parsing on a thread of its own (`YAMLEventPipeline`) must give what parsing inline
// gives: the same document, the same diagnostics in the same order, errors included wherever
// they fall among the batches.

/// Loads `text` both ways and checks that the documents and the diagnostics are the same.
@discardableResult
private func loadsAlike(
  _ text: String, limits: YAMLLimits = YAMLLimits(), sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> (YAMLDocument?, [Diagnostic]) {
  let inline = load(text, limits: limits, pipelining: .never)
  let threaded = load(text, limits: limits, pipelining: .always)
  #expect(inline.1 == threaded.1, sourceLocation: sourceLocation)
  #expect((inline.0 == nil) == (threaded.0 == nil), sourceLocation: sourceLocation)
  if let a = inline.0, let b = threaded.0 {
    #expect(a.rootNode == b.rootNode, sourceLocation: sourceLocation)
    #expect(a.text == b.text, sourceLocation: sourceLocation)
    #expect(a.children == b.children, sourceLocation: sourceLocation)
    #expect(a.records.count == b.records.count, sourceLocation: sourceLocation)
    #expect(a.tags == b.tags, sourceLocation: sourceLocation)
    #expect(a.root == b.root, sourceLocation: sourceLocation)
  }
  return inline
}

private func load(_ text: String, limits: YAMLLimits, pipelining: YAMLPipelining)
  -> (YAMLDocument?, [Diagnostic])
{
  let list = DiagnosticList()
  var text = text
  let document = text.withUTF8 {
    YAMLLoader.loadDocument(
      buffer: $0, file: "t.yaml", limits: limits, pipelining: pipelining, into: list)
  }
  return (document, list.diagnostics)
}

/// A config-like file of `n` aliases (about 11 events each), with anchors, aliases, merge keys,
/// tags, every scalar style and a duplicate key every 1,000 aliases.
private func aliases(_ n: Int) -> String {
  var out = "version: 1\ndefaults: &d {retries: 2, tag: !!str 12}\naliases:\n"
  for i in 0..<n {
    out += "  alias\(i):\n    <<: *d\n    description: 'alias number \(i)'\n"
    out += "    models: [\"m\(i % 7)\", m\(i % 3)]\n"
    if i % 1000 == 999 { out += "    models: dup\n" }
    if i % 500 == 0 { out += "    text: |\n      line one\n      line \(i)\n" }
  }
  return out
}

@Test func bothPathsGiveTheSameDocumentOverManyBatches() throws {
  // ~2,000 aliases: about 22,000 events, so six batches or more.
  let (document, diagnostics) = loadsAlike(aliases(2000))
  #expect(try #require(document).count(try #require(document).root) == 3)
  #expect(diagnostics.count == 2)
  #expect(diagnostics.allSatisfy { $0.message.hasPrefix("duplicate key 'models'") })
}

@Test func smallDocumentsAndEmptyInputsGiveTheSame() {
  loadsAlike("a: 1\nb: [x, y]\n")
  let (_, empty) = loadsAlike("")
  #expect(empty.map(\.message) == ["the file is empty: expected a YAML mapping"])
  let (_, comment) = loadsAlike("# nothing here\n")
  #expect(comment.map(\.message) == ["the file is empty: expected a YAML mapping"])
  loadsAlike("just a scalar")
}

@Test func aSyntaxErrorInTheFirstBatch() {
  let (document, diagnostics) = loadsAlike("a: [1, 2\nb: 3\n" + aliases(1000))
  #expect(document == nil)
  #expect(diagnostics.count == 1)
}

@Test func aSyntaxErrorMidStreamAndInTheLastBatch() {
  let mid = loadsAlike(aliases(700) + "broken: [1, 2\n" + aliases(700))
  #expect(mid.0 == nil)
  #expect(mid.1.count == 1)
  #expect(mid.1.first?.location?.line ?? 0 > 700 * 4)
  // An unclosed quote at the very end: the mark is moved to the last line's end.
  let last = loadsAlike(aliases(1500) + "end: \"not closed\n")
  #expect(last.0 == nil)
  #expect(last.1.last?.hint == "a quoted string is not closed; add the closing quote")
  // A tab used for indentation, and a control character (a reader error) far into the file.
  loadsAlike(aliases(900) + "tabbed:\n\t- x\n")
  loadsAlike(aliases(900) + "ctrl: a\u{7}b\n")
  // Errors the builder finds before libyaml's: a duplicate key, then a bad indentation.
  let both = loadsAlike(aliases(1000) + "  alias1:\n    x: 1\n   y: 2\n")
  #expect(both.1.count >= 2)
}

@Test func theBuilderStoppingEarlyStopsTheParser() {
  // The alias limit is hit in the first batches while libyaml could parse far more.
  var limits = YAMLLimits()
  limits.maxAliasReferences = 10
  let (document, diagnostics) = loadsAlike(aliases(3000), limits: limits)
  #expect(document == nil)
  #expect(diagnostics.last?.message.hasPrefix("more than 10 alias references") == true)
  // A second document, then more events the builder never looks at.
  let second = loadsAlike("a: 1\n---\n" + aliases(2000))
  #expect(second.1.map(\.message) == ["expected one YAML document, found a second one"])
}

@Test func aScalarLargerThanABatchIsOneEvent() throws {
  let big = String(repeating: "0123456789abcdef", count: 40_000)
  let (document, diagnostics) = loadsAlike("before: 1\nbig: \(big)\nafter: [\(big), x]\n")
  #expect(diagnostics.isEmpty)
  let doc = try #require(document)
  #expect(doc.scalarText(doc.value(doc.root, 1)) == big)
}

@Test func unknownAnchorsAndMergesAcrossBatches() {
  // The unknown anchor's hint names the nearest anchor, defined thousands of events earlier.
  let text = "first: &anchor_one {a: 1}\n" + aliases(1200) + "late: *anchor_onx\n"
  let (_, diagnostics) = loadsAlike(text + "m:\n  <<: [*anchor_one, *d]\n  <<: scalar\n")
  #expect(diagnostics.contains { $0.message.hasPrefix("unknown anchor 'anchor_onx'") })
}

@Test func theThresholdChoosesTheThreadOnlyForLargeInputs() {
  let threshold = YAMLPipelining.threshold
  #expect(!YAMLPipelining.automatic.applies(toBytes: threshold - 1))
  #expect(!YAMLPipelining.never.applies(toBytes: threshold * 4))
  #expect(YAMLPipelining.always.applies(toBytes: 1))
  // Files just below and just above the threshold load alike however they are read.
  var below = aliases(1)
  while below.utf8.count < threshold - 40 { below += "# padding padding padding padding\n" }
  let above = below + String(repeating: "# more\n", count: 20)
  #expect(below.utf8.count < threshold && above.utf8.count >= threshold)
  for text in [below, above] {
    let automatic = load(text, limits: YAMLLimits(), pipelining: .automatic)
    let inline = loadsAlike(text)
    #expect(automatic.1 == inline.1)
    #expect(automatic.0?.rootNode == inline.0?.rootNode)
  }
}
