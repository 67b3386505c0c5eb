import Foundation

/// Where a command reads its environment and writes its output.
///
/// Commands never call `print` or read `ProcessInfo` directly: they go through the context, so
/// tests run commands in-process with captured output and a controlled environment.
public struct CommandContext: Sendable {
  /// A place text is written to (stdout or stderr, or a buffer in tests).
  public typealias Sink = @Sendable (String) -> Void

  public var environment: [String: String]
  public var stdout: Sink
  public var stderr: Sink
  public var stdoutIsTerminal: Bool
  public var stderrIsTerminal: Bool
  public var stdinIsTerminal: Bool
  /// Reads one line from standard input (for the apply confirmation); `nil` at end of input.
  public var readLine: @Sendable () -> String?
  public var currentDirectory: String

  public init(
    environment: [String: String], stdout: @escaping Sink, stderr: @escaping Sink,
    stdoutIsTerminal: Bool = false, stderrIsTerminal: Bool = false, stdinIsTerminal: Bool = false,
    readLine: @escaping @Sendable () -> String? = { nil },
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) {
    self.environment = environment
    self.stdout = stdout
    self.stderr = stderr
    self.stdoutIsTerminal = stdoutIsTerminal
    self.stderrIsTerminal = stderrIsTerminal
    self.stdinIsTerminal = stdinIsTerminal
    self.readLine = readLine
    self.currentDirectory = currentDirectory
  }

  /// The real process: file descriptors 0, 1, 2 and the process environment.
  public static var process: CommandContext {
    CommandContext(
      environment: ProcessInfo.processInfo.environment,
      stdout: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
      stderr: { text in FileHandle.standardError.write(Data(text.utf8)) },
      stdoutIsTerminal: isatty(1) == 1,
      stderrIsTerminal: isatty(2) == 1,
      stdinIsTerminal: isatty(0) == 1,
      readLine: { Swift.readLine(strippingNewline: true) }
    )
  }

  /// The context commands of this task run in.
  @TaskLocal public static var current: CommandContext = .process

  /// True inside GitHub Actions.
  public var isGitHubActions: Bool { environment["GITHUB_ACTIONS"] == "true" }

  /// True in any CI (`CI` set), where progress output is suppressed.
  public var isCI: Bool {
    if let ci = environment["CI"], !ci.isEmpty, ci != "false", ci != "0" { return true }
    return isGitHubActions
  }

  /// True when `NO_COLOR` is set to anything but the empty string (no-color.org).
  public var noColorRequested: Bool {
    if let value = environment["NO_COLOR"], !value.isEmpty { return true }
    return false
  }

  /// Writes a line to stdout.
  public func out(_ line: String) { stdout(line + "\n") }
  /// Writes a line to stderr.
  public func err(_ line: String) { stderr(line + "\n") }
}
