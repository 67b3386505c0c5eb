import Foundation
import Testing

/// SPEC §12 item 16: `validate --online` also checks smoke `served_by` and smoke `model:` names.
@Suite struct SmokeOnlineValidationTests {
  @Test func servedByOutsideTheChainAndUnknownSmokeModelsAreCountedWarnings() async throws {
    try await EmulatorFixture.with { emu in
      let path = try emu.write(
        """
        version: 1
        aliases:
          a:
            models: [openai/gpt-4o, anthropic/claude-sonnet-4]
            smoke:
              - name: last-hop
                expect: {served_by: last}
              - name: other
                expect: {served_by: gcp/claude-sonnet-4}
              - name: pinned
                model: openai/gpt-4o-mnii
              - name: fine
                expect: {served_by: anthropic/claude-sonnet-4}
        """)
      let offline = await emu.run(["validate", "-f", path])
      #expect(offline.exitCode == 0 && !offline.stderr.contains("warning"), "\(offline.all)")
      let r = await emu.run(["validate", "-f", path, "--online", "--no-color"])
      #expect(r.exitCode == 0, "\(r.all)")
      #expect(
        r.stderr.contains("\(path):6:9: warning: served_by last is not in the chain of 'a'"), "\(r.stderr)")
      #expect(r.stderr.contains("for the last hop write 'anthropic/claude-sonnet-4'"))
      #expect(r.stderr.contains("warning: served_by gcp/claude-sonnet-4 is not in the chain of 'a'"))
      #expect(
        r.stderr.contains("warning: smoke model openai/gpt-4o-mnii of 'a' is not a model of the catalog"))
      #expect(r.stderr.contains("did you mean 'openai/gpt-4o-mini'"))
      #expect(!r.stderr.contains("anthropic/claude-sonnet-4 is not in the chain"))
      #expect(r.stdout.contains("(3 warnings)"), "\(r.stdout)")
    }
  }
}
