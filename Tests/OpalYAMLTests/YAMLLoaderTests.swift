import OpalCore
import Testing

@testable import OpalYAML

private func load(_ text: String, limits: YAMLLimits = YAMLLimits()) -> (YAMLNode?, [Diagnostic]) {
  let r = YAMLLoader.load(text: text, file: "t.yaml", limits: limits)
  return (r.root, r.diagnostics)
}

@Test func scalarsResolveByTheCoreSchema() {
  let text = """
    a: null
    b: ~
    c:
    d: true
    e: False
    f: 42
    g: -7
    h: 0x1F
    i: 0o17
    j: 3.5
    k: 1e3
    l: .inf
    m: "true"
    n: '42'
    o: hello world
    p: !!str 12
    q: 1.2.3
    r: |
      block
    """
  let (root, diags) = load(text)
  #expect(diags.isEmpty)
  let expected: JSONValue = .object([
    "a": .null, "b": .null, "c": .null, "d": .bool(true), "e": .bool(false), "f": .integer(42),
    "g": .integer(-7), "h": .integer(31), "i": .integer(15), "j": .number(3.5), "k": .number(1000),
    "l": .number(.infinity), "m": .string("true"), "n": .string("42"), "o": .string("hello world"),
    "p": .string("12"), "q": .string("1.2.3"), "r": .string("block"),
  ])
  #expect(root?.jsonValue == expected)
}

@Test func marksAreOneBasedAndOrdered() throws {
  let (root, _) = load("top:\n  - one\n  - two: 2\n")
  let r = try #require(root)
  #expect(r.mark == Mark(line: 1, column: 1))
  let items = try #require(r["top"]?.sequenceItems)
  #expect(items[0].mark == Mark(line: 2, column: 5))
  #expect(items[1].mark == Mark(line: 3, column: 5))
  #expect(r.mappingPairs?.map { $0.key.scalarText } == ["top"])
}

@Test func anchorsAliasesAndMergeKeys() {
  let text = """
    base: &base {a: 1, b: 2}
    other: &other {c: 3, b: 20}
    list: &l [x, y]
    use: *l
    m1:
      <<: *base
      b: 9
    m2:
      <<: [*other, *base]
    """
  let (root, diags) = load(text)
  #expect(diags.isEmpty)
  #expect(root?["use"]?.jsonValue == .array([.string("x"), .string("y")]))
  #expect(root?["m1"]?.jsonValue == .object(["a": .integer(1), "b": .integer(9)]))
  #expect(root?["m2"]?.jsonValue == .object(["a": .integer(1), "b": .integer(20), "c": .integer(3)]))
}

@Test func duplicateKeysNameBothLocations() throws {
  let (root, diags) = load("a: 1\nb: 2\na: 3\n")
  #expect(root != nil)
  let d = try #require(diags.first)
  #expect(diags.count == 1)
  #expect(d.message.contains("duplicate key 'a'"))
  #expect(d.location == SourceLocation(file: "t.yaml", line: 3, column: 1))
  #expect(d.related.first?.location == SourceLocation(file: "t.yaml", line: 1, column: 1))
}

@Test func duplicateKeysInLargeMappingsAreFound() {
  var text = ""
  for i in 0..<50 { text += "k\(i): \(i)\n" }
  text += "k17: again\n"
  let (_, diags) = load(text)
  #expect(diags.count == 1)
  #expect(diags.first?.location?.line == 51)
  #expect(diags.first?.related.first?.location.line == 18)
}

@Test func libyamlErrorsKeepTheirTextAndPosition() throws {
  let (root, diags) = load("a: \"unclosed\nb: 2\n")
  #expect(root == nil)
  let d = try #require(diags.first)
  #expect(d.message.contains("found unexpected end of stream"))
  #expect(d.message.contains("while scanning a quoted scalar"))
  // End-of-input mark clamped to the last line.
  #expect(d.location?.line == 2)
  #expect(d.hint != nil)
}

@Test func tabsGetAHint() throws {
  let (_, diags) = load("a:\n\t- b\n")
  let d = try #require(diags.first)
  #expect(d.location?.line == 2)
  #expect(d.hint?.contains("tabs") == true)
}

@Test func emptyAndCommentOnlyFilesAreErrors() {
  #expect(load("").1.first?.message.contains("empty") == true)
  #expect(load("# only a comment\n").1.first?.message.contains("empty") == true)
}

@Test func multipleDocumentsAreAnError() throws {
  let (root, diags) = load("a: 1\n---\nb: 2\n")
  #expect(root == nil)
  let d = try #require(diags.first)
  #expect(d.message.contains("one YAML document"))
  #expect(d.location?.line == 2)
}

@Test func billionLaughsIsRefusedUnexpanded() throws {
  var text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
  for i in 1...12 {
    let refs = Array(repeating: "*l\(i - 1)", count: 9).joined(separator: ", ")
    text += "l\(i): &l\(i) [\(refs)]\n"
  }
  let (root, diags) = load(text)
  #expect(root == nil)
  #expect(diags.first?.message.contains("expands to more than") == true)
}

@Test func deepNestingIsRefusedWithoutRecursion() {
  let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
  let (root, diags) = load(text)
  #expect(root == nil)
  #expect(diags.first?.message.contains("deeper than the limit of 256") == true)
  let blocks = String(repeating: "- ", count: 10_000) + "x\n"
  #expect(load(blocks).1.first?.message.contains("deeper") == true)
}

@Test func aliasesCannotSmuggleDepthPastTheLimit() {
  var limits = YAMLLimits()
  limits.maxDepth = 10
  let text = "a: &a [[[[[[[1]]]]]]]\nb: [[[[*a]]]]\n"
  #expect(load(text, limits: limits).1.first?.message.contains("deeper than 10") == true)
}

@Test func unknownAnchorIsAnError() {
  let (_, diags) = load("a: *nope\n")
  #expect(diags.first?.message.contains("*nope") == true)
}

@Test func byteChecksRefuseBinaryAndBadUTF8() throws {
  let nul = YAMLLoader.load(bytes: Array("a: 1\nb: \u{0}\n".utf8), file: "t.yaml")
  #expect(nul.root == nil)
  #expect(nul.diagnostics.first?.message.contains("NUL") == true)
  #expect(nul.diagnostics.first?.location?.line == 2)
  let bad = YAMLLoader.load(bytes: Array("a: 1\nb: x".utf8) + [0xC3, 0x28], file: "t.yaml")
  #expect(bad.diagnostics.first?.message.contains("invalid UTF-8") == true)
  #expect(bad.diagnostics.first?.location == SourceLocation(file: "t.yaml", line: 2, column: 5))
  var limits = YAMLLimits()
  limits.maxFileBytes = 10
  let big = YAMLLoader.load(
    bytes: Array(repeating: UInt8(ascii: "a"), count: 11), file: "t.yaml",
    limits: limits)
  #expect(big.diagnostics.first?.message.contains("limit") == true)
}

@Test func arbitraryYAMLReadsAsJSON() {
  let (root, diags) = load("- {x: [1, 2.5, null]}\n- plain\n")
  #expect(diags.isEmpty)
  #expect(
    root?.jsonValue
      == .array([.object(["x": .array([.integer(1), .number(2.5), .null])]), .string("plain")]))
}

@Test func theExpansionLimitCountsOnlyWhatAliasesBringIn() {
  var limits = YAMLLimits()
  limits.maxExpandedNodes = 100
  // 1,000 nodes written out: bounded by the file size, not by the expansion limit.
  let written = "a: [" + Array(repeating: "x", count: 1_000).joined(separator: ", ") + "]\n"
  let plain = load(written, limits: limits)
  #expect(plain.1 == [])
  #expect(plain.0?["a"]?.sequenceItems?.count == 1_000)
  // Ten references to an anchor of ten nodes bring in 100 nodes: at the limit, accepted.
  let anchor = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
  let ten = anchor + "b: [" + Array(repeating: "*a", count: 10).joined(separator: ", ") + "]\n"
  #expect(load(ten, limits: limits).1 == [])
  // An eleventh is refused, at its own position.
  let eleven = anchor + "b: [" + Array(repeating: "*a", count: 11).joined(separator: ", ") + "]\n"
  let refused = load(eleven, limits: limits)
  #expect(refused.0 == nil)
  #expect(refused.1.first?.message.contains("expands to more than 100 nodes") == true)
  #expect(refused.1.first?.location == SourceLocation(file: "t.yaml", line: 2, column: 45))
}
