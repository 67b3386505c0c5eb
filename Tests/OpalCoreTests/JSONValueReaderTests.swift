import Foundation
import Testing

@testable import OpalCore

/// `JSONValueReader` makes the value `JSONDecoder` makes of the same text, and refuses what it
/// refuses, without trusting the text to be small, shallow or well formed.
@Suite struct JSONValueReaderTests {
  static let agreed: [String] = [
    "null", "true", "false", "0", "-0", "1.0", "1e2", "-1.5E-3", "1.5", "99999999999999999999",
    "9223372036854775807", "-9223372036854775808", "9223372036854775808", #""""#, #""plain""#,
    #""tab\tquote\"slash\/back\\""#, #""\u00e9\u4e2d\ud83d\ude00""#, #""\u0000 nul""#, "\"é 中 😀\"",
    "[]", "{}", " [ 1 , 2 ,3 ] ", #"{"a":{"b":[{"c":null},[],{}]},"d":"e"}"#, #"{"a":1,"a":2}"#,
    #"{"elements":[{"id":"START","type":"start","outputs":{"next":{"elementId":"m1"}}}]}"#,
  ]

  @Test(arguments: agreed) func makesTheValueJSONDecoderMakes(_ text: String) throws {
    let expected = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    #expect(try JSONValueReader.read(Array(text.utf8)) == expected)
  }

  @Test func numbersAreIntegersWhenWholeAndFitting() throws {
    #expect(try JSONValueReader.read(Array("1.0".utf8)) == .integer(1))
    #expect(try JSONValueReader.read(Array("-2e3".utf8)) == .integer(-2000))
    #expect(try JSONValueReader.read(Array("2.5".utf8)) == .number(2.5))
    #expect(try JSONValueReader.read(Array("1e20".utf8)) == .number(1e20))
  }

  static let refused: [String] = [
    "", " ", "nul", "tru", "[1,]", "[1 2]", "{\"a\" 1}", "{\"a\":}", "{a:1}", "01", "-", "1.", "1e",
    "+1", "1e400", "\"open", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\x\"", "\"\\u12\"",
    "\"\u{01}\"", "1 2", "{} x", "[", "{",
  ]

  @Test(arguments: refused) func refusesWhatIsNotJSON(_ text: String) {
    #expect(throws: JSONValueReader.Failure.self) { try JSONValueReader.read(Array(text.utf8)) }
  }

  @Test func invalidUTF8IsRefusedInPlainAndEscapedStrings() {
    for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0x5C, 0x6E, 0xC3, 0x22]] {
      #expect(throws: JSONValueReader.Failure.self) { try JSONValueReader.read(bytes) }
    }
  }

  @Test func nestingDeeperThanTheLimitIsAnErrorNotACrash() throws {
    let limit = JSONValueReader.maximumDepth
    let fits = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(throws: Never.self) { try JSONValueReader.read(Array(fits.utf8)) }
    let deep = String(repeating: "[", count: 100_000)
    let error = #expect(throws: JSONValueReader.Failure.self) { try JSONValueReader.read(Array(deep.utf8)) }
    #expect(error?.reason.contains("nested deeper") == true)
    #expect(error?.offset == limit)
  }

  @Test func theFailureNamesTheByteWhereReadingStopped() {
    let error = #expect(throws: JSONValueReader.Failure.self) {
      try JSONValueReader.read(Array(#"{"a": [1, 2,, 3]}"#.utf8))
    }
    #expect(error?.offset == 12)
    #expect(error?.description == "unexpected character at byte 12")
  }
}
