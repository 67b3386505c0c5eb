import ArgumentParser

/// How results are printed: `--format`, `--no-color`, `-v`.
struct OutputOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Output format: text (for people), json (versioned, for tools) or markdown (PR comments).",
      valueName: "text|json|markdown"))
  var format: OutputFormat = .text

  @Flag(name: .long, help: "Never colour the output (also: the NO_COLOR environment variable).")
  var noColor = false

  @Flag(name: [.short, .long], help: "Say more on stderr: requests, retries, timings.")
  var verbose = false

  /// Whether ANSI colour may be used on stdout.
  func useColor(_ context: CommandContext) -> Bool {
    if noColor { return false }
    if let v = context.environment["NO_COLOR"], !v.isEmpty { return false }
    return context.stdoutIsTerminal
  }

  /// Whether ANSI colour may be used on stderr.
  func useColorOnStderr(_ context: CommandContext) -> Bool {
    if noColor { return false }
    if let v = context.environment["NO_COLOR"], !v.isEmpty { return false }
    return context.stderrIsTerminal
  }
}

/// The `--format` values.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case text, json, markdown
}
