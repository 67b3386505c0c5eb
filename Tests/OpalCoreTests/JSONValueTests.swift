import Foundation
import Testing

@testable import OpalCore

@Suite struct JSONValueTests {
  @Test func canonicalJSONSortsKeysAndKeepsIntegers() {
    let v: JSONValue = .object([
      "b": .integer(3), "a": .array([.number(0.5), .null, .bool(true)]), "c": .string("x\"y\n"),
    ])
    #expect(v.canonicalJSON == #"{"a":[0.5,null,true],"b":3,"c":"x\"y\n"}"#)
  }

  @Test func sameValueSameBytesWhateverTheInsertionOrder() {
    var one: [String: JSONValue] = [:]
    var two: [String: JSONValue] = [:]
    for i in 0..<50 { one["k\(i)"] = .integer(i) }
    for i in (0..<50).reversed() { two["k\(i)"] = .integer(i) }
    #expect(JSONValue.object(one).canonicalJSON == JSONValue.object(two).canonicalJSON)
  }

  @Test func codableRoundTrip() throws {
    let text = #"{"n":null,"i":3,"d":2.5,"s":"t","a":[1,"x"],"o":{"k":false}}"#
    let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    #expect(value["i"] == .integer(3))
    #expect(value["d"] == .number(2.5))
    #expect(value["o"]?["k"] == .bool(false))
    let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    #expect(again == value)
  }

  @Test func controlCharactersAreEscaped() {
    #expect(JSONValue.string("\u{01}").canonicalJSON == "\"\\u0001\"")
  }
}

@Suite struct DiagnosticCollectorTests {
  @Test func sortsByFileLineColumnAndCounts() {
    let c = DiagnosticList()
    c.emit(.error("late", at: SourceLocation(file: "b.yaml", line: 1, column: 1)))
    c.emit(.warning("no place"))
    c.emit(.error("second", at: SourceLocation(file: "a.yaml", line: 3, column: 2)))
    c.emit(.error("first", at: SourceLocation(file: "a.yaml", line: 3, column: 1)))
    #expect(c.sorted.map(\.message) == ["first", "second", "late", "no place"])
    #expect(c.errorCount == 3)
    #expect(c.warningCount == 1)
    #expect(c.hasErrors)
  }
}
