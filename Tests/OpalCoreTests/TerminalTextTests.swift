import OpalCore
import Testing

@Suite struct TerminalTextTests {
  @Test func escapesControlsAnsiBidiAndInvisibleCharacters() {
    #expect(TerminalText.escaped("a\u{1B}[31mb") == #"a\u{001B}[31mb"#)
    #expect(
      TerminalText.escaped("x\u{202E}y\u{200B}z\u{2066}\u{2069}\u{FEFF}")
        == #"x\u{202E}y\u{200B}z\u{2066}\u{2069}\u{FEFF}"#)
    #expect(TerminalText.escaped("\u{9B}") == #"\u{009B}"#)
  }

  @Test func leavesOrdinaryTextAlone() {
    let text = "sonnet4 → anthropic/claude-sonnet-4 (été, 東京)"
    #expect(TerminalText.escaped(text) == text)
    #expect(!TerminalText.needsEscape(text))
  }

  @Test func keyPathsQuoteKeysThatAreNotPlain() {
    #expect(ConfigKeyPath.alias("sonnet4").child("models").index(2).text == "aliases.sonnet4.models[2]")
    #expect(ConfigKeyPath.alias("a b").child("models").text == #"aliases["a b"].models"#)
    #expect(ConfigKeyPath.root.child("prune") == "prune")
  }

  @Test func oneSummaryLine() {
    #expect(DiagnosticCounts(errors: 2, warnings: 1).summary == "2 errors, 1 warning")
    #expect(DiagnosticCounts(errors: 1, warnings: 0).summary == "1 error")
    #expect(DiagnosticCounts(errors: 0, warnings: 0).summary == "no problems found")
  }
}
