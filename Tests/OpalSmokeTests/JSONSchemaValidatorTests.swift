import Foundation
import OpalCore
import Testing

@testable import OpalSmoke

/// Reads a JSON literal for a test (tests only: a bad literal is a test bug).
func json(_ text: String) -> JSONValue {
  (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .string("<bad test JSON: \(text)>")
}

private func violations(_ schema: String, _ instance: String) -> [JSONSchemaValidator.Violation] {
  JSONSchemaValidator(schema: json(schema)).validate(json(instance))
}

struct JSONSchemaValidatorTests {
  @Test func typeIntegerVersusNumber() {
    #expect(violations(#"{"type":"integer"}"#, "3").isEmpty)
    #expect(violations(#"{"type":"integer"}"#, "3.0").isEmpty)
    #expect(violations(#"{"type":"integer"}"#, "3.5").first?.reason == "expected integer, got number 3.5")
    #expect(violations(#"{"type":"number"}"#, "3").isEmpty)
    #expect(violations(#"{"type":"string"}"#, "true").first?.reason == "expected string, got boolean true")
  }

  @Test func typeLists() {
    #expect(violations(#"{"type":["string","null"]}"#, "null").isEmpty)
    let v = violations(#"{"type":["string","null"]}"#, "1")
    #expect(v.first?.reason == "expected one of string, null, got integer 1")
  }

  @Test func requiredReportsTheMissingPath() {
    let schema = #"{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"]}"#
    #expect(violations(schema, #"{"summary":"ok"}"#).isEmpty)
    let v = violations(schema, "{}")
    #expect(v == [.init(path: "/summary", reason: "required property is missing")])
    #expect(v.first?.description == "/summary: required property is missing")
  }

  @Test func nestedPathsAndPointerEscaping() {
    let schema = #"{"properties":{"a/b":{"items":{"properties":{"n":{"type":"integer"}}}}}}"#
    let v = violations(schema, #"{"a/b":[{"n":1},{"n":"x"}]}"#)
    #expect(v.map(\.path) == ["/a~1b/1/n"])
  }

  @Test func additionalPropertiesBoolAndSchema() {
    let closed = #"{"properties":{"a":{}},"additionalProperties":false}"#
    #expect(violations(closed, #"{"a":1}"#).isEmpty)
    #expect(violations(closed, #"{"a":1,"b":2}"#).map(\.path) == ["/b"])
    let typed = #"{"additionalProperties":{"type":"string"}}"#
    #expect(violations(typed, #"{"x":"s"}"#).isEmpty)
    #expect(violations(typed, #"{"x":2}"#).map(\.path) == ["/x"])
  }

  @Test func itemsAndPrefixItems() {
    let schema = #"{"prefixItems":[{"type":"string"}],"items":{"type":"integer"},"minItems":1,"maxItems":3}"#
    #expect(violations(schema, #"["a",1,2]"#).isEmpty)
    #expect(violations(schema, #"[1]"#).map(\.path) == ["/0"])
    #expect(violations(schema, #"["a","b"]"#).map(\.path) == ["/1"])
    #expect(violations(schema, "[]").first?.reason.contains("minItems 1") == true)
    #expect(violations(schema, #"["a",1,2,3]"#).first?.reason.contains("maxItems 3") == true)
  }

  @Test func uniqueItemsTreatsOneAndOnePointZeroAlike() {
    #expect(violations(#"{"uniqueItems":true}"#, "[1,2]").isEmpty)
    #expect(violations(#"{"uniqueItems":true}"#, "[1,2,1.0]").map(\.path) == ["/2"])
  }

  @Test func enumAndConst() {
    #expect(violations(#"{"enum":["a","b"]}"#, #""b""#).isEmpty)
    #expect(violations(#"{"enum":["a","b"]}"#, #""c""#).first?.reason == #""c" is not one of ["a", "b"]"#)
    #expect(violations(#"{"const":{"k":[1]}}"#, #"{"k":[1.0]}"#).isEmpty)
    #expect(!violations(#"{"const":2}"#, "3").isEmpty)
  }

  @Test func stringLengthsCountCharactersAndPattern() {
    #expect(violations(#"{"minLength":2,"maxLength":3}"#, #""éé""#).isEmpty)
    #expect(!violations(#"{"minLength":2}"#, #""é""#).isEmpty)
    #expect(!violations(#"{"maxLength":3}"#, #""abcd""#).isEmpty)
    #expect(violations(#"{"pattern":"^[A-Z]"}"#, #""Opper""#).isEmpty)
    #expect(
      violations(#"{"pattern":"^[A-Z]"}"#, #""opper""#).first?.reason
        == "string does not match pattern ^[A-Z]")
    #expect(violations(#"{"pattern":"("}"#, #""x""#).first?.reason.contains("does not compile") == true)
  }

  @Test func numericBounds() {
    let schema = #"{"minimum":1,"maximum":10,"exclusiveMaximum":10}"#
    #expect(violations(schema, "5").isEmpty)
    #expect(violations(schema, "0").first?.reason == "0 is less than minimum 1")
    #expect(violations(schema, "10").count == 1)
    #expect(violations(#"{"exclusiveMinimum":0}"#, "0").count == 1)
    #expect(violations(#"{"multipleOf":0.5}"#, "1.5").isEmpty)
    #expect(violations(#"{"multipleOf":0.5}"#, "1.2").count == 1)
  }

  @Test func combinators() {
    let anyOf = #"{"anyOf":[{"type":"string"},{"type":"integer"}]}"#
    #expect(violations(anyOf, "1").isEmpty)
    #expect(violations(anyOf, "true").first?.reason.hasPrefix("matches none of the 2 anyOf schemas") == true)
    let oneOf = #"{"oneOf":[{"type":"integer"},{"minimum":0}]}"#
    #expect(violations(oneOf, "-1").isEmpty)
    #expect(violations(oneOf, "1").first?.reason == "matches 2 of the oneOf schemas, expected exactly 1")
    #expect(violations(#"{"allOf":[{"type":"integer"},{"minimum":5}]}"#, "3").count == 1)
    #expect(violations(#"{"not":{"type":"null"}}"#, "null").first?.reason == "matches the schema under 'not'")
    #expect(violations(#"{"not":{"type":"null"}}"#, "1").isEmpty)
  }

  @Test func refsToDefsAndRoot() {
    let schema = ##"""
      {"$defs":{"node":{"type":"object","properties":{"name":{"type":"string"},
       "children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["name"]}},
       "$ref":"#/$defs/node"}
      """##
    #expect(violations(schema, #"{"name":"a","children":[{"name":"b","children":[]}]}"#).isEmpty)
    #expect(
      violations(schema, #"{"name":"a","children":[{"children":[]}]}"#).map(\.path) == ["/children/0/name"])
    #expect(
      violations(##"{"$ref":"#/$defs/missing"}"##, "1").first?.reason.contains("does not resolve") == true)
  }

  @Test func aRefLoopStopsInsteadOfRecursingForever() {
    let v = violations(##"{"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}"##, "1")
    #expect(v.first?.reason.contains("deeper than") == true)
  }

  @Test func booleanSchemas() {
    #expect(violations("true", "1").isEmpty)
    #expect(violations("false", "1").count == 1)
    #expect(violations(#"{"properties":{"x":false}}"#, #"{"x":1}"#).map(\.path) == ["/x"])
  }

  @Test func aWrongTypeReportsOnlyTheType() {
    let v = violations(#"{"type":"object","required":["a"]}"#, "[]")
    #expect(v.count == 1)
    #expect(v.first?.reason == "expected object, got array")
  }
}
