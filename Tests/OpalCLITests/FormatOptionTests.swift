import Testing

/// `--format` is per command: `--help` lists only what the command prints, and any other value
/// is refused with the valid ones named.
@Suite struct FormatOptionTests {
  static let formats: [(command: String, offered: [String])] = [
    ("validate", ["text", "json"]), ("plan", ["text", "json", "markdown"]), ("apply", ["text", "json"]),
    ("smoke", ["text", "json", "markdown"]), ("export", []),
  ]

  /// The help text of `--format` under OPTIONS, from its line to the next option.
  static func formatHelp(_ help: String) -> String? {
    guard let start = help.range(of: "\n  --format <") else { return nil }
    let rest = help[start.upperBound...]
    let end = rest.range(of: "\n  -")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
  }

  @Test(arguments: formats.map(\.command))
  func helpListsOnlyTheFormatsTheCommandPrints(_ command: String) async throws {
    let offered = try #require(Self.formats.first { $0.command == command }?.offered)
    let r = await CLIHarness().run([command, "--help"])
    #expect(r.exitCode == 0)
    guard !offered.isEmpty else {
      #expect(!r.stdout.contains("--format"), "\(r.stdout)")
      return
    }
    let help = try #require(Self.formatHelp(r.stdout), "\(r.stdout)")
    for format in ["text", "json", "markdown"] {
      #expect(help.contains(format) == offered.contains(format), "\(command): \(help)")
    }
  }

  @Test(arguments: formats.map(\.command))
  func otherFormatsAreRefusedWithTheValidOnesNamed(_ command: String) async throws {
    let offered = try #require(Self.formats.first { $0.command == command }?.offered)
    let refused = ["text", "json", "markdown", "yaml"].first { !offered.contains($0) } ?? "yaml"
    let r = await CLIHarness().run([command, "--format", refused])
    #expect(r.exitCode == 1)
    #expect(r.stdout.isEmpty)
    if offered.isEmpty {
      #expect(r.stderr.contains("--format"), "\(r.stderr)")
    } else {
      #expect(r.stderr.contains("'\(refused)'"), "\(r.stderr)")
      for format in offered { #expect(r.stderr.contains(format), "\(r.stderr)") }
    }
  }
}
