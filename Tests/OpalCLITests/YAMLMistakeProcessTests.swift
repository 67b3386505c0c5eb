import Foundation
import Testing

/// YAML slips through the built `opal validate` binary: one diagnostic with its hint on
/// stderr, nothing on stdout, exit 1.
@Suite struct YAMLMistakeProcessTests {
  @Test func validateReportsEachSlipOnceWithItsHint() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cases: [(name: String, text: String, expected: String)] = [
      (
        "indent.yaml", "version: 1\naliases:\n  a:\n    models: [openai/gpt-4o]\n     description: x\n",
        """
        indent.yaml:5:6: error: this line is indented unlike the lines around it (libyaml: did not find expected key)
          hint: check the indentation of this line against the line above (column 6 here, column 5 on line 4): keys of one mapping line up, and a key's content is indented deeper than the key
        1 error

        """
      ),
      (
        "anchor.yaml",
        "version: 1\nx-chains:\n  sonnet: &sonnet [openai/gpt-4o]\naliases:\n  a:\n    models: *sonet\n",
        """
        anchor.yaml:6:13: error: unknown anchor 'sonet': *sonet refers to no &sonet defined before it
          anchor.yaml:3:11: note: &sonnet defined here
          hint: did you mean 'sonnet'?
        1 error

        """
      ),
      (
        "prune.yaml", "version: 1\nprune: yes\naliases: {a: {models: [openai/gpt-4o]}}\n",
        """
        prune.yaml:2:8: error: expected a boolean (true or false), found 'yes' [prune]
          hint: YAML 1.2 booleans are true/false; write `true`
        1 error

        """
      ),
    ]
    for c in cases {
      let path = try CLIHarness.write(c.text, to: c.name, in: dir)
      let r = try await OpalProcess.run(
        ["validate", "-f", path, "--color", "never"], environment: [:], directory: dir)
      #expect(r.exitCode == 1, "\(c.name): \(r.all)")
      #expect(r.stdout.isEmpty, "\(c.name): \(r.stdout)")
      // Paths are shown as given: the test's temporary folder, then the file name.
      #expect(r.stderr == c.expected.replacingOccurrences(of: c.name, with: path), "\(c.name)")
    }
  }
}
