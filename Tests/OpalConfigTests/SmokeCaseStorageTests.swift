import OpalCore
import Testing

@testable import OpalConfig

/// `SmokeCase` and `SmokeExpectation` keep their rarely set fields out of line: each field still
/// reads back what was set, equality and merging see every field, and clearing the rare fields
/// gives a value equal to one that never had them.
@Suite struct SmokeCaseStorageTests {
  @Test func everyFieldReadsBackWhatWasSet() {
    let c = SmokeCase(
      name: "n", instructions: "be brief", input: .string("hi"), options: ["temperature": .number(0)],
      outputSchema: .object(["type": .string("object")]), configuration: ["a.b": .integer(2)],
      model: .string("openai/gpt-4o"),
      expect: SmokeExpectation(
        contains: ["a"], notContains: ["b"], matches: ["^c"], jsonSchema: .object([:]),
        maxLatencyMs: 5, servedBy: .model("m"), maxCostUSD: 0.5))
    #expect(c.name == "n")
    #expect(c.instructions == "be brief")
    #expect(c.input == .string("hi"))
    #expect(c.options == ["temperature": .number(0)])
    #expect(c.outputSchema == .object(["type": .string("object")]))
    #expect(c.configuration == ["a.b": .integer(2)])
    #expect(c.model == .string("openai/gpt-4o"))
    #expect(c.expect.contains == ["a"])
    #expect(c.expect.notContains == ["b"])
    #expect(c.expect.matches == ["^c"])
    #expect(c.expect.jsonSchema == .object([:]))
    #expect(c.expect.maxLatencyMs == 5)
    #expect(c.expect.servedBy == .model("m"))
    #expect(c.expect.maxCostUSD == 0.5)
  }

  @Test func aRareFieldSetThenClearedEqualsOneNeverSet() {
    var c = SmokeCase(name: "n")
    c.instructions = "x"
    c.expect.maxLatencyMs = 3
    #expect(c != SmokeCase(name: "n"))
    c.instructions = nil
    c.expect.maxLatencyMs = nil
    #expect(c == SmokeCase(name: "n"))
    #expect(Set([c, SmokeCase(name: "n")]).count == 1)
  }

  @Test func settingOneRareFieldKeepsTheOthersAndCopiesStayApart() {
    var a = SmokeCase(instructions: "i", model: .string("m"))
    let b = a
    a.model = .string("other")
    #expect(a.instructions == "i")
    #expect(a.model == .string("other"))
    #expect(b.model == .string("m"))
    #expect(a != b)
  }

  @Test func mergingFillsEveryFieldTheCaseLeavesUnset() {
    let defaults = SmokeCase(
      instructions: "d", options: ["t": .number(1), "k": .integer(1)], configuration: ["c": .bool(true)],
      model: .string("dm"),
      expect: SmokeExpectation(notContains: ["x"], maxLatencyMs: 100, servedBy: .any))
    let own = SmokeCase(
      name: "own", options: ["t": .number(0)],
      expect: SmokeExpectation(contains: ["y"], maxLatencyMs: 5))
    let merged = own.merged(over: defaults)
    #expect(merged.name == "own")
    #expect(merged.instructions == "d")
    #expect(merged.options == ["t": .number(0), "k": .integer(1)])
    #expect(merged.configuration == ["c": .bool(true)])
    #expect(merged.model == .string("dm"))
    #expect(merged.expect.contains == ["y"])
    #expect(merged.expect.notContains == ["x"])
    #expect(merged.expect.maxLatencyMs == 5)
    #expect(merged.expect.servedBy == .any)
    #expect(SmokeCase(name: "plain").merged(over: SmokeCase()) == SmokeCase(name: "plain"))
  }
}
