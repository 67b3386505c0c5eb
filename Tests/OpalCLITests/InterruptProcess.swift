import Foundation

/// The real `opal` binary (`.build/debug/opal`, built by `make test`'s `swift build
/// --build-tests`) run as a child process, its stdout and stderr captured in files — for what
/// only a real process shows: signals, and logging that goes to the real stderr.
struct OpalProcess {
  /// What the process printed and how it ended.
  struct Result {
    var exitCode: Int32
    var stdout: String
    var stderr: String
    var all: String { stdout + stderr }
  }

  /// Thrown when the binary is missing (say how to build it) or the process overruns.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The binary of the suite's own configuration: a release suite (`make test-release`) runs the
  /// release binary.
  static var binary: URL {
    #if DEBUG
      CLIHarness.repositoryRoot.appendingPathComponent(".build/debug/opal")
    #else
      CLIHarness.repositoryRoot.appendingPathComponent(".build/release/opal")
    #endif
  }

  /// The binary, or a failure that says how to build it.
  static func locate() throws -> URL {
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
      throw Failure(
        description: "\(binary.path) is missing: build it first with `swift build --product opal` "
          + "(`make test` does, via `swift build --build-tests`)")
    }
    return binary
  }

  private let process = Process()
  private let outFile: URL
  private let errFile: URL

  /// Starts `opal arguments` with exactly `environment` (plus PATH and HOME), in
  /// `workingDirectory` when given (else this process's).
  init(
    _ arguments: [String], environment: [String: String], directory: URL, workingDirectory: URL? = nil
  ) throws {
    process.executableURL = try Self.locate()
    process.arguments = arguments
    if let workingDirectory { process.currentDirectoryURL = workingDirectory }
    var env = environment
    for key in ["PATH", "HOME"] { env[key] = ProcessInfo.processInfo.environment[key] }
    process.environment = env
    let tag = UUID().uuidString.prefix(8)
    outFile = directory.appendingPathComponent("stdout-\(tag).txt")
    errFile = directory.appendingPathComponent("stderr-\(tag).txt")
    FileManager.default.createFile(atPath: outFile.path, contents: nil)
    FileManager.default.createFile(atPath: errFile.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: outFile)
    process.standardError = try FileHandle(forWritingTo: errFile)
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  var isRunning: Bool { process.isRunning }

  /// What the process has printed on stdout so far (it keeps running).
  var stdoutSoFar: String { (try? String(contentsOf: outFile, encoding: .utf8)) ?? "" }

  /// Sends `sig` to this process (and only to it).
  func signal(_ sig: Int32) {
    kill(process.processIdentifier, sig)
  }

  /// Waits for the process to end; kills it (this process only) after `seconds`.
  func wait(seconds: Double = 60) async throws -> Result {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning {
      if Date() > deadline {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        throw Failure(description: "opal \(process.arguments ?? []) did not end within \(seconds) s")
      }
      try await Task.sleep(for: .milliseconds(20))
    }
    process.waitUntilExit()
    let out = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: outFile)
    try? FileManager.default.removeItem(at: errFile)
    return Result(exitCode: process.terminationStatus, stdout: out, stderr: err)
  }

  /// Runs `opal arguments` to completion.
  static func run(
    _ arguments: [String], environment: [String: String], directory: URL, workingDirectory: URL? = nil,
    seconds: Double = 60
  ) async throws -> Result {
    try await OpalProcess(
      arguments, environment: environment, directory: directory, workingDirectory: workingDirectory
    ).wait(seconds: seconds)
  }
}
