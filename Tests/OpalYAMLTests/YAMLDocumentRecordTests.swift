import OpalCore
import Testing

@testable import OpalYAML

// A node's record packs its flags into the top bits of its line, column and text offset, keeps
// its tag aside, and a short text that repeats points at the earlier copy: each node must still
// read back exactly as written.

private func document(_ text: String) throws -> YAMLDocument {
  let (doc, diagnostics) = YAMLLoader.loadDocument(text: text, file: "t.yaml")
  #expect(diagnostics.isEmpty)
  return try #require(doc)
}

/// The value node under `key` of the root mapping.
private func value(_ doc: YAMLDocument, _ key: String) throws -> YAMLDocument.NodeID {
  let root = doc.root
  let i = try #require((0..<doc.count(root)).first { doc.scalarText(doc.key(root, $0)) == key })
  return doc.value(root, i)
}

@Test func everyStyleTagAndShapeReadsBack() throws {
  let doc = try document(
    """
    plain: 42
    single: '42'
    double: "42"
    literal: |
      42
    folded: >
      42
    tagged: !!str 42
    seq: !!seq [42, '42']
    map: !custom {42: "42"}
    """)
  let expected: [(String, YAMLNode.ScalarStyle, JSONValue)] = [
    ("plain", .plain, .integer(42)), ("single", .singleQuoted, .string("42")),
    ("double", .doubleQuoted, .string("42")), ("literal", .literal, .string("42\n")),
    ("folded", .folded, .string("42\n")), ("tagged", .plain, .string("42")),
  ]
  for (key, style, json) in expected {
    let n = try value(doc, key)
    #expect(doc.isScalar(n))
    #expect(doc.style(n) == style, "\(key)")
    #expect(doc.scalarValue(n) == json, "\(key)")
  }
  #expect(doc.tag(try value(doc, "plain")) == nil)
  #expect(doc.tag(try value(doc, "tagged")) == "tag:yaml.org,2002:str")
  let seq = try value(doc, "seq")
  #expect(doc.isSequence(seq) && doc.count(seq) == 2)
  #expect(doc.tag(seq) == "tag:yaml.org,2002:seq")
  #expect(doc.style(seq) == .plain)
  #expect(doc.jsonValue(seq) == .array([.integer(42), .string("42")]))
  let map = try value(doc, "map")
  #expect(doc.isMapping(map) && doc.count(map) == 1)
  #expect(doc.tag(map) == "!custom")
  #expect(doc.mark(map) == Mark(line: 10, column: 6))
  #expect(doc.jsonValue(map) == .object(["42": .string("42")]))
}

@Test func repeatedShortTextsKeepTheirOwnBytesAndPlaces() throws {
  // `ab` repeats (shared bytes); `abc` and `a` share a prefix with it but not their length.
  let doc = try document("x: [ab, abc, ab, a, 'ab', \"abc\"]\ny: ab\n")
  let list = try value(doc, "x")
  let texts = (0..<doc.count(list)).map { doc.scalarText(doc.item(list, $0)) }
  #expect(texts == ["ab", "abc", "ab", "a", "ab", "abc"])
  #expect(doc.style(doc.item(list, 4)) == .singleQuoted)
  #expect(doc.mark(doc.item(list, 2)) == Mark(line: 1, column: 14))
  let y = try value(doc, "y")
  #expect(doc.scalarText(y) == "ab")
  #expect(doc.mark(y) == Mark(line: 2, column: 4))
  #expect(doc.scalarEquals(y, "ab"))
  #expect(!doc.scalarEquals(y, "abc"))
}

@Test func aLongLineKeepsItsColumnsAndNonASCIIStaysNonASCII() throws {
  let pad = String(repeating: " ", count: 70_000)
  let doc = try document("k: [\(pad)é, e]\n")
  let list = try value(doc, "k")
  let first = doc.item(list, 0)
  #expect(doc.mark(first) == Mark(line: 1, column: 70_005))
  #expect(doc.scalarText(first) == "é")
  #expect(!doc.isASCIIScalar(first))
  #expect(doc.isASCIIScalar(doc.item(list, 1)))
}
