import Foundation
import Testing

@testable import OpalCore

/// `JSONTreeEncoder` builds the tree `JSONEncoder` would write, and refuses what a tree cannot
/// hold the way `JSONEncoder` writes it, so a caller can fall back and never write other bytes.
@Suite struct JSONTreeEncoderTests {
  final class Base: Encodable {
    var id = "b"
    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: AnyKey.self)
      try c.encode(id, forKey: AnyKey("id"))
    }
  }

  struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Nested containers, super encoders, optionals and every integer width, by hand.
  struct Manual: Encodable {
    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: AnyKey.self)
      try c.encodeNil(forKey: AnyKey("nil"))
      try c.encodeIfPresent(String?.none, forKey: AnyKey("absent"))
      try c.encode(UInt8(200), forKey: AnyKey("u8"))
      try c.encode(Int64.min, forKey: AnyKey("i64"))
      var inner = c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("inner"))
      try inner.encode(true, forKey: AnyKey("t"))
      var list = c.nestedUnkeyedContainer(forKey: AnyKey("list"))
      try list.encode("a")
      try list.encodeNil()
      var deeper = list.nestedContainer(keyedBy: AnyKey.self)
      try deeper.encode(1.5, forKey: AnyKey("x"))
      try Base().encode(to: c.superEncoder())
      try Base().encode(to: c.superEncoder(forKey: AnyKey("parent")))
      try c.encode(JSONValue.object(["graph": .array([.integer(1)])]), forKey: AnyKey("graph"))
      try c.encode(["k": [1, 2]], forKey: AnyKey("dictionary"))
    }
  }

  @Test func buildsTheTreeJSONEncoderWrites() throws {
    let expected = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(Manual()))
    let tree = try JSONTreeEncoder.encode(Manual())
    #expect(tree == expected)
    #expect(tree["absent"] == nil)
    #expect(tree["super"] == .object(["id": .string("b")]))
  }

  struct Empty: Encodable { func encode(to encoder: any Encoder) throws {} }

  @Test func aValueThatEncodesNothingIsAnEmptyObject() throws {
    #expect(try JSONTreeEncoder.encode(Empty()) == .object([:]))
    #expect(try JSONTreeEncoder.encode([Empty()]) == .array([.object([:])]))
  }

  @Test func whatATreeCannotHoldIsRefused() {
    #expect(throws: JSONTreeEncoder.Unsupported.self) { try JSONTreeEncoder.encode(Date()) }
    #expect(throws: JSONTreeEncoder.Unsupported.self) { try JSONTreeEncoder.encode(["a": Data([1])]) }
    #expect(throws: JSONTreeEncoder.Unsupported.self) { try JSONTreeEncoder.encode([Float(0.1)]) }
    #expect(throws: JSONTreeEncoder.Unsupported.self) { try JSONTreeEncoder.encode([UInt64.max]) }
    #expect(throws: JSONTreeEncoder.Unsupported.self) { try JSONTreeEncoder.encode([Double.nan]) }
    #expect(throws: JSONTreeEncoder.Unsupported.self) {
      try JSONTreeEncoder.encode(["u": URL(string: "https://x")!])
    }
  }
}
