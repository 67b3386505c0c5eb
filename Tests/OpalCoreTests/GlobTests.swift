import Testing

@testable import OpalCore

@Suite struct GlobTests {
  @Test(arguments: [
    ("team-a/*", "team-a/prod", true),
    ("team-a/*", "team-a/x/y", true),
    ("team-a/*", "team-b/prod", false),
    ("team-a/*", "team-a", false),
    ("sonnet4", "sonnet4", true),
    ("sonnet4", "sonnet41", false),
    ("*", "", true),
    ("a?c", "abc", true),
    ("a?c", "ac", false),
    ("prod-[0-9]", "prod-7", true),
    ("prod-[0-9]", "prod-x", false),
    ("prod-[!0-9]", "prod-x", true),
    ("*-eu", "claude-sonnet-4-eu", true),
    ("*a*b*", "xxaxxbxx", true),
    ("*a*b*", "xxbxxaxx", false),
    ("literal\\*", "literal*", true),
    ("literal\\*", "literalx", false),
  ])
  func matches(pattern: String, name: String, expected: Bool) throws {
    #expect(try Glob(pattern).matches(name) == expected)
  }

  @Test(arguments: ["[abc", "x\\", "[z-a]"])
  func rejectsBadPatterns(pattern: String) {
    #expect(throws: Glob.SyntaxError.self) { try Glob(pattern) }
  }

  @Test func literalDetection() throws {
    #expect(try Glob("sonnet4").isLiteral)
    #expect(try !Glob("team-*").isLiteral)
  }

  @Test func globSetMatchesAny() throws {
    let set = try GlobSet(patterns: ["a/*", "b"])
    #expect(set.matches("a/x"))
    #expect(set.matches("b"))
    #expect(!set.matches("c"))
    #expect(!GlobSet([]).matches("anything"))
  }

  @Test func longNamesMatchWithoutBlowup() throws {
    let name = String(repeating: "a", count: 255)
    #expect(!(try Glob("*a*a*a*a*a*b").matches(name)))
  }
}

@Suite struct NearestNamesTests {
  @Test func suggestsCloseKeys() {
    let keys = ["description", "models", "renamed_from", "smoke"]
    #expect(NearestNames.suggest("descripton", from: keys) == ["description"])
    #expect(NearestNames.suggest("model", from: keys).first == "models")
    #expect(NearestNames.suggest("zzzzzz", from: keys).isEmpty)
  }

  @Test func suggestsCatalogModelsByTail() {
    let catalog = ["anthropic/claude-sonnet-4", "gcp/claude-sonnet-4", "openai/gpt-4o"]
    let hints = NearestNames.suggest("antropic/claude-sonnet-4", from: catalog)
    #expect(hints.first == "anthropic/claude-sonnet-4")
    #expect(NearestNames.suggest("claude-sonnet-4", from: catalog).contains("gcp/claude-sonnet-4"))
  }

  @Test func editDistance() {
    #expect(NearestNames.editDistance("kitten", "sitting") == 3)
    #expect(NearestNames.editDistance("", "abc") == 3)
    #expect(NearestNames.editDistance("same", "same") == 0)
  }
}

/// `Glob.literal`: a name as a pattern that matches only itself.
@Suite struct LiteralGlobTests {
  @Test func specialCharactersMatchThemselvesOnly() {
    let glob = Glob.literal(#"team-[a]*?\x"#)
    #expect(glob.matches(#"team-[a]*?\x"#))
    #expect(!glob.matches("team-a-anything"))
    #expect(!glob.matches(#"team-[a]xy\x"#))
    #expect(GlobSet.literal(["a", "b*"]).matches("b*") && !GlobSet.literal(["a", "b*"]).matches("bc"))
  }
}
