import Testing

@Suite struct RootCommandTests {
  @Test func helpListsEveryCommandAndExitsZero() async {
    let r = await CLIHarness().run(["--help"])
    #expect(r.exitCode == 0)
    for command in ["validate", "plan", "apply", "export", "smoke", "emulator"] {
      #expect(r.stdout.contains(command))
    }
  }

  @Test func unknownFlagIsAUsageErrorWithExitOne() async {
    let r = await CLIHarness().run(["plan", "--no-such-flag"])
    #expect(r.exitCode == 1)
    #expect(r.stderr.contains("--no-such-flag"))
  }

  @Test func unknownCommandExitsOne() async {
    let r = await CLIHarness().run(["deploy"])
    #expect(r.exitCode == 1)
  }

  @Test func versionPrints() async {
    let r = await CLIHarness().run(["--version"])
    #expect(r.exitCode == 0)
    #expect(r.stdout.contains("0.1.0"))
  }
}
