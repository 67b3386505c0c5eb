import ArgumentParser
import OpalConfig
import OpalCore

/// The first stage of every command that reads config: load the files, print what is wrong,
/// and stop with exit 1 when anything is an error.
struct ConfigStage {
  var context: CommandContext
  var output: OutputOptions

  /// Loads and requires a valid state, printing diagnostics to stderr; exits 1 on errors.
  func loadValid(_ paths: [String]) throws -> DesiredState {
    let result = ConfigLoader().load(paths: paths)
    let printer = DiagnosticPrinter(context: context, useColor: output.useColorOnStderr(context))
    printer.printText(result.diagnostics)
    let errors = result.diagnostics.count { $0.severity == .error }
    guard let state = result.state, errors == 0 else {
      context.err(
        "\(DiagnosticPrinter.summary(errors: errors, warnings: result.diagnostics.count - errors)); "
          + "fix the configuration and run again")
      throw ExitCode.failure
    }
    return state
  }
}
