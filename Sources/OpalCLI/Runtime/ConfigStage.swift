import ArgumentParser
import OpalConfig
import OpalCore

/// The first stage of every command that reads config: load the files into the run's
/// diagnostics, and stop with exit 1 when anything is an error.
struct ConfigStage {
  var io: CommandOutput

  /// Loads and requires a valid state; exits 1 on errors.
  func loadValid(_ paths: [String]) throws -> DesiredState {
    guard let state = ConfigLoader().load(paths: paths, into: io.diagnostics), !io.diagnostics.hasErrors
    else {
      io.summary("fix the configuration and run again")
      throw ExitCode.failure
    }
    return state
  }
}
