import Foundation
import Testing

@testable import OpalCore

/// `CompactJSON` writes what goes over the wire and what is hashed: the same value as
/// `JSONEncoder` would send, in one fixed layout, through the tree where it can.
@Suite struct CompactJSONTests {
  struct Body: Codable, Equatable {
    var name: String
    var note: String?
    var count: Int
    var ratio: Double
    var flags: [Bool]
    var graph: JSONValue
  }

  static let awkwardGraph: JSONValue = .object([
    "elements": .array([
      .object(["id": .string("start"), "type": .string("start"), "x": .number(0.1)]),
      .object(["id": .string("q\"uote\\back/slash"), "deep": .array([.null, .integer(-7), .number(1e21)])]),
    ]),
    "text": .string("tab\tnew\nline\r\u{01}\u{1F} é ü 🙂 \u{7F}"),
    "": .bool(false),
  ])

  @Test func aValueReadsBackAsTheSameTree() throws {
    let bytes = CompactJSON.bytes(of: Self.awkwardGraph)
    #expect(try JSONValueReader.read(bytes) == Self.awkwardGraph)
  }

  @Test func theLayoutIsFixedKeysSortedAndNothingButQuotesBackslashesAndControlsEscaped() {
    let value: JSONValue = .object([
      "b": .array([.integer(1), .number(2.5), .number(3), .null, .bool(true)]),
      "a": .string("x\"\\\n\u{01}/é"),
    ])
    let text = String(decoding: CompactJSON.bytes(of: value), as: UTF8.self)
    #expect(text == #"{"a":"x\"\\\n\u0001/é","b":[1,2.5,3,null,true]}"#)
    #expect(value.canonicalJSON == text)
  }

  @Test func aCodableBodyIsTheValueJSONEncoderWouldSend() throws {
    let body = Body(
      name: "sonnet4", note: nil, count: 3, ratio: 0.25, flags: [true, false], graph: Self.awkwardGraph)
    let compact = try CompactJSON.bytes(body)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let reference = Array(try encoder.encode(body))
    #expect(try JSONValueReader.read(compact) == JSONValueReader.read(reference))
    #expect(try JSONDecoder().decode(Body.self, from: Data(compact)) == body)
    // And in the one fixed layout: what JSONEncoder sent, rewritten, gives the same bytes.
    #expect(compact == CompactJSON.bytes(of: try JSONValueReader.read(reference)))
  }

  @Test func whatATreeCannotHoldGoesThroughJSONEncoder() throws {
    struct Stamped: Encodable {
      var at = Date(timeIntervalSinceReferenceDate: 0)
      var data = Data([1, 2, 3])
    }
    let compact = try CompactJSON.bytes(Stamped())
    #expect(String(decoding: compact, as: UTF8.self) == #"{"at":0,"data":"AQID"}"#)
  }

  @Test func aNonFiniteNumberInATreeIsNull() {
    #expect(CompactJSON.bytes(of: .array([.number(.infinity), .number(-.nan)])) == Array("[null,null]".utf8))
  }
}
