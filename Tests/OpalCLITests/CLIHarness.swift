import Foundation
import OpalCLI
import Synchronization

/// Runs `opal` in-process with captured stdout/stderr and a controlled environment.
struct CLIHarness {
  /// What one run printed and returned.
  struct Result {
    var exitCode: Int32
    var stdout: String
    var stderr: String
    var all: String { stdout + stderr }
  }

  var environment: [String: String] = [:]
  /// The working directory the command sees (where `apply` puts `.opal/snapshots/` by default):
  /// a scratch folder unless a test gives one, so test runs leave nothing in the checkout.
  var currentDirectory: String?
  static let scratchDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("opal-cli-cwd-\(ProcessInfo.processInfo.processIdentifier)").path

  func run(_ arguments: [String], stdinIsTerminal: Bool = false, answer: String? = nil) async -> Result {
    let out = Mutex("")
    let err = Mutex("")
    let context = CommandContext(
      environment: environment,
      stdout: { text in out.withLock { $0 += text } },
      stderr: { text in err.withLock { $0 += text } },
      stdinIsTerminal: stdinIsTerminal,
      readLine: { answer },
      currentDirectory: currentDirectory ?? Self.scratchDirectory
    )
    let code = await OpalMain.run(arguments: arguments, context: context)
    return Result(exitCode: code, stdout: out.withLock { $0 }, stderr: err.withLock { $0 })
  }

  /// A fresh temporary folder, removed by the caller with `FileManager.removeItem`.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("opal-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes `text` to `name` inside `directory`; returns the path.
  @discardableResult
  static func write(_ text: String, to name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  /// The repository root (for examples/).
  static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }
}
