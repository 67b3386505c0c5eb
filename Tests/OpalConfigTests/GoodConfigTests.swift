import Foundation
import OpalCore
import Testing

@testable import OpalConfig

private func loadFixture(_ name: String) throws -> DesiredState {
  let path = TestPaths.fixtures.appendingPathComponent("valid/\(name).yaml").path
  let result = ConfigLoader().load(paths: [path])
  #expect(result.diagnostics == [])
  return try #require(result.state)
}

@Test func aMinimalConfigLoadsWithDefaults() throws {
  let state = try loadFixture("minimal")
  #expect(state.version == 1)
  #expect(state.prune == false)
  #expect(state.scope == Scope())
  #expect(state.smokeDefaults == nil)
  #expect(state.aliases.map(\.name) == ["fast"])
  #expect(state.aliases[0].models == ["openai/gpt-4o-mini"])
  #expect(state.aliases[0].location?.line == 3)
}

@Test func anchorsMergeKeysAndExtensionKeysLoadToTheExpectedModel() throws {
  let state = try loadFixture("anchors-and-merges")
  #expect(state.aliases.map(\.name) == ["sonnet4", "shared-tail"])
  let tail = try #require(state.alias(named: "shared-tail"))
  #expect(tail.models == ["anthropic/claude-sonnet-4", "gcp/claude-sonnet-4"])
  #expect(tail.description == "Reuses the chain through an alias.")
  let echo = SmokeExpectation(contains: ["Opper"], maxLatencyMs: 5000)
  #expect(tail.smoke.map(\.name) == ["echo"])
  #expect(tail.smoke[0].input == .object(["text": .string("hello Opper")]))
  #expect(tail.smoke[0].expect == echo)
  let sonnet = try #require(state.alias(named: "sonnet4"))
  #expect(sonnet.description == nil)
  #expect(sonnet.smoke.map(\.name) == ["overridden"])
  #expect(sonnet.smoke[0].expect == echo)
}

@Test func smokeDefaultsScopeAndExpectationsLoadExactly() throws {
  let state = try loadFixture("smoke-defaults-and-scope")
  #expect(state.prune)
  #expect(state.scope.include?.globs.map(\.pattern) == ["team-a/*"])
  #expect(state.scope.exclude.globs.map(\.pattern) == ["team-a/scratch-*"])
  #expect(state.scope.protect.globs.map(\.pattern) == ["team-a/prod-*", "sonnet?"])
  let defaults = try #require(state.smokeDefaults)
  #expect(defaults.instructions == "Reply briefly.")
  #expect(defaults.options == ["temperature": .integer(0)])
  #expect(defaults.configuration == ["invocation.structured_generation.max_attempts": .integer(2)])
  #expect(
    defaults.model
      == .array([
        .string("openai/gpt-4o"),
        .object([
          "name": .string("anthropic/claude-sonnet-4"), "options": .object(["max_tokens": .integer(50)]),
        ]),
      ]))
  #expect(
    defaults.expect
      == SmokeExpectation(notContains: ["ERROR"], maxLatencyMs: 10000, servedBy: .any, maxCostUSD: 0.5))
  let alias = try #require(state.alias(named: "team-a/prod-main"))
  #expect(alias.description == "")
  #expect(alias.renamedFrom == ["old-main"])
  #expect(alias.smoke.count == 2)
  #expect(alias.smoke[0].expect.matches == ["^\\w+", "Opper"])
  #expect(alias.smoke[0].expect.servedBy == .model("openai/gpt-4.1"))
  #expect(alias.smoke[0].expect.jsonSchema == .object(["type": .string("object")]))
  let merged = alias.smoke[1].merged(over: state.smokeDefaults)
  #expect(merged.expect.maxLatencyMs == 10000)
  #expect(state.owns("team-a/x") && !state.owns("team-a/scratch-1") && state.owns("old-main") == false)
}

/// SPEC §12 item 21: `x-` keys inside an alias are owner metadata, ignored.
@Test func extensionKeysInsideAnAliasAreIgnored() throws {
  let state = try loadFixture("alias-owner-metadata")
  #expect(state.aliases.map(\.name) == ["support"])
  #expect(state.aliases[0].models == ["openai/gpt-4o", "anthropic/claude-sonnet-4"])
}
