import OpalCore
import Testing

@testable import OpalConfig

/// The usual YAML slips (issue 12): each gives exactly one diagnostic, at the place to fix,
/// with a hint that says what to write, and nothing that follows from it.
@Suite struct YAMLMistakeHintTests {
  /// The one diagnostic loading `text` gives; fails the test when there are more or none.
  func only(_ text: String) throws -> Diagnostic {
    let result = ConfigLoader().load(text: text, file: "opal.yaml")
    #expect(result.state == nil)
    #expect(result.diagnostics.count == 1, "\(result.diagnostics.map(\.message))")
    return try #require(result.diagnostics.first)
  }

  func position(_ d: Diagnostic) -> String {
    "\(d.location?.line ?? 0):\(d.location?.column ?? 0)"
  }

  @Test func aKeyIndentedDeeperThanItsSiblingNamesTheLineAndTheLineAbove() throws {
    let d = try only("version: 1\naliases:\n  a:\n    models: [openai/gpt-4o]\n     description: x\n")
    #expect(position(d) == "5:6")
    #expect(
      d.message == "this line is indented unlike the lines around it (libyaml: did not find expected key)")
    #expect(
      d.hint
        == "check the indentation of this line against the line above (column 6 here, column 5 on line 4): keys of one mapping line up, and a key's content is indented deeper than the key"
    )
  }

  @Test func aKeyIndentedShallowerPointsAtItsFirstCharacter() throws {
    let d = try only("version: 1\naliases:\n  a:\n      description: x\n    models: [openai/gpt-4o]\n")
    #expect(position(d) == "5:5")
    #expect(
      d.hint?.hasPrefix(
        "check the indentation of this line against the line above (column 5 here, column 7 on line 4)")
        == true)
  }

  @Test func aPlainValueContinuedByADeeperKeyIsAnIndentationError() throws {
    // libyaml reads line 5 as more of line 4's value, then finds a ':' it cannot place.
    let d = try only("version: 1\naliases:\n  a:\n    description: x\n      models: [openai/gpt-4o]\n")
    #expect(position(d) == "5:7")
    #expect(d.message.contains("mapping values are not allowed in this context"))
    #expect(d.hint?.contains("(column 7 here, column 5 on line 4)") == true)
  }

  @Test func aFlowListLeftOpenKeepsLibyamlsOwnMessage() throws {
    let d = try only("version: 1\naliases:\n  a: {models: [openai/gpt-4o\n")
    #expect(!d.message.contains("indented"))
  }

  @Test func keysWrittenAtTheAliasLevelAreOneErrorOnTheEmptyAlias() throws {
    let d = try only("version: 1\naliases:\n  sonnet4:\n  models: [openai/gpt-4o]\n")
    #expect(position(d) == "3:3")
    #expect(d.message == "alias 'sonnet4' has no content; 'models' at line 4 looks like it belongs under it")
    #expect(d.hint == "indent 'models' under 'sonnet4', deeper than its column 3")
    #expect(d.keyPath?.description == "aliases.sonnet4")
    #expect(d.related.first?.location.line == 4)
  }

  @Test func severalUnindentedKeysStillGiveOneErrorAndLaterAliasesAreRead() throws {
    let text = """
      version: 1
      aliases:
        sonnet4:
        description: fast
        models: [openai/gpt-4o]
        b:
          models: [b/b, b/b]
      """
    let result = ConfigLoader().load(text: text, file: "opal.yaml")
    let messages = result.diagnostics.map(\.message)
    #expect(messages.count == 2, "\(messages)")
    #expect(
      messages.first
        == "alias 'sonnet4' has no content; 'description' at line 4 looks like it belongs under it")
    #expect(result.diagnostics.first?.hint?.contains("(and the 1 key(s) after it)") == true)
    #expect(messages.last?.contains("appears twice in the chain of 'b'") == true)
  }

  @Test func anAliasNamedLikeAKeyWithItsOwnMappingIsNoMistake() {
    let text = "version: 1\naliases:\n  empty:\n  models:\n    models: [openai/gpt-4o]\n"
    let result = ConfigLoader().load(text: text, file: "opal.yaml")
    // `empty` is null (its own error); `models` is a well-formed alias and is read.
    #expect(result.diagnostics.map(\.message) == ["expected a mapping (alias 'empty'), found null"])
  }

  @Test func anEmptyDescriptionSaysToWriteOneOrRemoveTheKey() throws {
    let d = try only("version: 1\naliases:\n  a:\n    description:\n    models: [openai/gpt-4o]\n")
    #expect(position(d) == "4:17")
    #expect(d.message == "description is empty")
    #expect(d.hint == "write a text or remove the key")
    #expect(d.keyPath?.description == "aliases.a.description")
  }

  @Test func aModelsScalarSaysToWrapItInBrackets() throws {
    let d = try only("version: 1\naliases:\n  a:\n    models: openai/gpt-4o\n")
    #expect(position(d) == "4:13")
    #expect(d.message == "models must be a list, found a string")
    #expect(d.hint == "wrap it in [ ]: models: [openai/gpt-4o]")
  }

  @Test func aMisspeltAnchorSuggestsTheDefinedOneAndNothingCascades() throws {
    let d = try only(
      "version: 1\nx-chains:\n  sonnet: &sonnet [openai/gpt-4o]\naliases:\n  a:\n    models: *sonet\n")
    #expect(position(d) == "6:13")
    #expect(d.message == "unknown anchor 'sonet': *sonet refers to no &sonet defined before it")
    #expect(d.hint == "did you mean 'sonnet'?")
    #expect(d.related.first?.location.line == 3)
  }

  @Test func anAnchorWithNothingNearKeepsTheGeneralHint() throws {
    let d = try only("version: 1\naliases: *nothing\n")
    #expect(d.message.hasPrefix("unknown anchor 'nothing'"))
    #expect(d.hint == "define the anchor first; recursive anchors are not supported")
  }

  @Test(arguments: [("yes", "true"), ("no", "false"), ("on", "true"), ("Off", "false")])
  func yaml11BooleansSayWhatToWrite(_ word: String, _ meant: String) throws {
    let d = try only("version: 1\nprune: \(word)\n")
    #expect(position(d) == "2:8")
    #expect(d.message == "expected a boolean (true or false), found '\(word)'")
    #expect(d.hint == "YAML 1.2 booleans are true/false; write `\(meant)`")
  }

  @Test func aQuotedYesIsAStringWithNoBooleanHint() throws {
    let d = try only("version: 1\nprune: \"yes\"\n")
    #expect(d.message == "expected a boolean (true or false), found a string")
    #expect(d.hint == nil)
  }
}
