import Foundation
import Testing

@testable import OpalCore

/// `JSONTreeDecoder` decodes what `JSONDecoder` decodes, to the same values, and fails where it
/// fails with the same kind of error at the same path (the client's messages name that path).
@Suite struct JSONTreeDecoderTests {
  struct Sample: Codable, Equatable {
    enum Kind: String, Codable { case start, model, end }
    struct Element: Codable, Equatable {
      var id: String
      var type: Kind
      var outputs: [String: [String: String]]
      var properties: JSONValue?
    }
    var name: String
    var count: Int
    var small: Int8
    var ratio: Double
    var whole: Double
    var single: Float
    var flag: Bool
    var note: String?
    var tags: [String]
    var graph: JSONValue
    var elements: [Element]
    var matrix: [[Int]]
    var optionalList: [Int?]
    var unsigned: UInt64
  }

  static let sample = #"""
    {"name":"r","count":3,"small":-7,"ratio":0.25,"whole":2,"single":1.5,"flag":true,"note":null,
     "tags":["a","b"],"graph":{"elements":[{"id":"START"}],"n":1.0,"x":[true,null,"s",2.5]},
     "elements":[{"id":"m1","type":"model","outputs":{"success":{"elementId":"END"}},
       "properties":{"model":"openai/gpt-4o"}},{"id":"END","type":"end","outputs":{}}],
     "matrix":[[1,2],[]],"optionalList":[1,null,3],"unsigned":9223372036854775807,"unknown":{"k":[]}}
    """#

  @Test func decodesTheValuesJSONDecoderDecodes() throws {
    let bytes = Array(Self.sample.utf8)
    let expected = try JSONDecoder().decode(Sample.self, from: Data(bytes))
    let decoded = try JSONTreeDecoder.decode(Sample.self, from: bytes)
    #expect(decoded == expected)
    #expect(decoded.graph["n"] == .integer(1))
    #expect(decoded.note == nil)
  }

  /// The error of each decoder on `text`, as kind and path.
  static func failure<T: Decodable>(_ type: T.Type, _ text: String, tree: Bool) -> String {
    do {
      if tree {
        _ = try JSONTreeDecoder.decode(T.self, from: Array(text.utf8))
      } else {
        _ = try JSONDecoder().decode(T.self, from: Data(text.utf8))
      }
      return "no error"
    } catch let error as DecodingError {
      let path: ([any CodingKey]) -> String = {
        $0.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
      }
      switch error {
      case .keyNotFound(let key, let c): return "keyNotFound \(path(c.codingPath + [key]))"
      case .valueNotFound(_, let c): return "valueNotFound \(path(c.codingPath))"
      case .typeMismatch(_, let c): return "typeMismatch \(path(c.codingPath))"
      // JSONDecoder puts a number that does not fit at the root; the tree names its key
      // (`aNumberThatDoesNotFitNamesItsKey`).
      case .dataCorrupted: return "dataCorrupted"
      @unknown default: return "unknown"
      }
    } catch {
      return "not a DecodingError: \(error)"
    }
  }

  static let broken: [String] = [
    Self.sample.replacingOccurrences(of: #""count":3,"#, with: ""),
    Self.sample.replacingOccurrences(of: #""count":3"#, with: #""count":null"#),
    Self.sample.replacingOccurrences(of: #""count":3"#, with: #""count":"3""#),
    Self.sample.replacingOccurrences(of: #""count":3"#, with: #""count":3.5"#),
    Self.sample.replacingOccurrences(of: #""small":-7"#, with: #""small":300"#),
    Self.sample.replacingOccurrences(of: #""flag":true"#, with: #""flag":1"#),
    Self.sample.replacingOccurrences(of: #""tags":["a","b"]"#, with: #""tags":["a",2]"#),
    Self.sample.replacingOccurrences(of: #""tags":["a","b"]"#, with: #""tags":"a""#),
    Self.sample.replacingOccurrences(of: #""type":"model""#, with: #""type":"router""#),
    Self.sample.replacingOccurrences(of: #""id":"END","#, with: ""),
    Self.sample.replacingOccurrences(of: #""matrix":[[1,2],[]]"#, with: #""matrix":[[1,null]]"#),
    Self.sample.replacingOccurrences(of: #""unsigned":9223372036854775807"#, with: #""unsigned":-1"#),
    "[]", "{\"name\": ", "",
  ]

  @Test(arguments: broken) func failsWhereJSONDecoderFailsAtTheSamePath(_ text: String) {
    let expected = Self.failure(Sample.self, text, tree: false)
    #expect(expected != "no error")
    #expect(Self.failure(Sample.self, text, tree: true) == expected)
  }

  @Test func aJSONValueMemberIsTheTreeNodeItself() throws {
    let text = #"{"graph":{"a":[1,{"b":"c"}]}}"#
    struct Holder: Decodable { var graph: JSONValue }
    let holder = try JSONTreeDecoder.decode(Holder.self, from: Array(text.utf8))
    #expect(holder.graph == .object(["a": .array([.integer(1), .object(["b": .string("c")])])]))
    #expect(try JSONTreeDecoder.decode(JSONValue.self, from: Array(text.utf8))["graph"] == holder.graph)
  }

  @Test func aNumberThatDoesNotFitNamesItsKey() {
    let text = Self.sample.replacingOccurrences(of: #""small":-7"#, with: #""small":300"#)
    let error = #expect(throws: DecodingError.self) {
      try JSONTreeDecoder.decode(Sample.self, from: Array(text.utf8))
    }
    guard case .dataCorrupted(let context) = error else {
      Issue.record("\(String(describing: error))"); return
    }
    #expect(context.codingPath.map(\.stringValue) == ["small"])
    #expect(context.debugDescription == "Number 300 does not fit in Int8.")
  }

  /// Integers past `Int` are read as `Double` (as `JSONValue` holds them), so a `UInt64` above
  /// `Int.max` is refused rather than rounded; no answer opal reads has one.
  @Test func aUInt64PastIntMaxIsRefusedNotRounded() {
    let text = Self.sample.replacingOccurrences(of: "9223372036854775807", with: "18446744073709551615")
    #expect(throws: DecodingError.self) { try JSONTreeDecoder.decode(Sample.self, from: Array(text.utf8)) }
  }
}
