import ArgumentParser
import Foundation

/// Runs opal: parses arguments, runs the command, maps every outcome to an exit code
/// (0 success, 1 error, 2 changes with `plan --detailed-exitcode`, 130 interrupted).
///
/// Tests call `run(arguments:context:)` in-process; the `opal` executable calls `main()`.
public enum OpalMain {
  /// Runs with the process's arguments and exits.
  public static func main() async -> Never {
    let arguments = Array(CommandLine.arguments.dropFirst())
    let interrupts = InterruptSignal.install()
    let code = await run(arguments: arguments, context: .process, interrupts: interrupts)
    exit(code)
  }

  /// Runs one command with the given arguments and context; returns the exit code.
  public static func run(
    arguments: [String], context: CommandContext, interrupts: InterruptSignal? = nil
  ) async -> Int32 {
    await CommandContext.$current.withValue(context) {
      await InterruptSignal.$current.withValue(interrupts) {
        await parseAndRun(arguments, context)
      }
    }
  }

  private static func parseAndRun(_ arguments: [String], _ context: CommandContext) async -> Int32 {
    if arguments == ["--version"] {
      // Version and the commit recorded at build time (no git is run).
      context.out("opal \(OpalVersion.current) (commit \(BuildCommit.describe))")
      return 0
    }
    let command: ParsableCommand
    do {
      command = try await OpalCommand.asyncParseAsRoot(RotateKeysArgument.normalized(arguments))
    } catch {
      return report(error, context, output: nil)
    }
    if let reporting = command as? any ReportingCommand {
      let output = reporting.makeOutput(context)
      do {
        try await reporting.run(output)
        return 0
      } catch {
        return report(error, context, output: output)
      }
    }
    do {
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        var c = command
        try c.run()
      }
      return 0
    } catch {
      return report(error, context, output: nil)
    }
  }

  /// The exit code for `error`, after saying what it means (on stderr; under `--format json`
  /// also the error document on stdout when the command printed no document).
  private static func report(_ error: Error, _ context: CommandContext, output: CommandOutput?) -> Int32 {
    let output = output ?? CommandOutput(color: .auto, format: .text, context: context)
    switch error {
    case let exit as ExitCode:
      if exit.rawValue == 1 { output.fail(nil) }
      return exit.rawValue
    case let cli as CLIError:
      output.fail(cli)
      return 1
    case is CancellationError:
      context.err("interrupted")
      return 130
    default:
      // Help, --version and usage errors come from ArgumentParser.
      let message = OpalCommand.fullMessage(for: error)
      let code = OpalCommand.exitCode(for: error)
      if code == .success {
        if !message.isEmpty { context.out(message) }
        return 0
      }
      if !message.isEmpty { context.err(message) }
      return 1
    }
  }
}
