import ArgumentParser

/// A subcommand that prints through a `CommandOutput`: `OpalMain` makes the output from the
/// command's options before running it, so a failure is reported in the command's format
/// (the JSON error document under `--format json`) and with its colour choice.
protocol ReportingCommand: AsyncParsableCommand {
  /// `--color`, `--no-color`, `-v`.
  var output: OutputOptions { get }
  /// What stdout carries for this run.
  var outputFormat: OutputFormat { get }
  /// Whether diagnostics are printed as text on stderr (false when the document lists them).
  var printsDiagnosticText: Bool { get }
  /// Runs the command, printing through `io`.
  func run(_ io: CommandOutput) async throws
}

extension ReportingCommand {
  var printsDiagnosticText: Bool { true }

  /// The output this run prints through.
  func makeOutput(_ context: CommandContext) -> CommandOutput {
    CommandOutput(
      color: output.colorChoice, format: outputFormat, context: context,
      diagnosticText: printsDiagnosticText)
  }

  func run() async throws {
    try await run(makeOutput(CommandContext.current))
  }
}
