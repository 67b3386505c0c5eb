import ArgumentParser

/// How results are shown: `--color`, `--no-color`, `-v`. Each command declares its own
/// `--format` with only the formats it prints (`ValidateFormat`, `PlanFormat`, `ReportFormat`).
struct OutputOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "When to colour: auto (only on a terminal, and not with NO_COLOR set), always or never.",
      valueName: "when"))
  var color: ColorChoice = .auto

  @Flag(name: .long, help: "Never colour the output (the same as --color never).")
  var noColor = false

  @Flag(name: [.short, .long], help: "Say more on stderr: requests, retries, timings.")
  var verbose = false

  /// The colour choice after `--no-color`.
  var colorChoice: ColorChoice { noColor ? .never : color }
}

/// `--color auto|always|never`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
  case auto, always, never

  /// Whether to colour a stream: `always` and `never` as said; `auto` only on a terminal and
  /// when `NO_COLOR` is not set (the one place it is read).
  func enabled(onTerminal isTerminal: Bool, _ context: CommandContext) -> Bool {
    switch self {
    case .always: true
    case .never: false
    case .auto: isTerminal && !context.noColorRequested
    }
  }
}
