import Foundation
import Testing

@testable import OpalCore

#if canImport(Glibc)
  import Glibc
#endif

/// Output paths (issue 13 §5, issue 12 §8): checked before any work, every write checked, devices
/// and links never replaced by a regular file.
@Suite struct OutputFileTests {
  func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("opal-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func noStdout(_ text: String) { Issue.record("nothing should go to stdout: \(text)") }

  @Test func aNewFileIsWrittenWhole() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("plan.json").path
    try OutputFile(path).write(Array("{}\n".utf8), standardOutput: noStdout)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}\n")
    // No temporary file is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plan.json"])
  }

  @Test func aFullDeviceIsAnErrorNotASilentSuccess() throws {
    // Before: `plan -o /dev/full` exited 0.
    let output = try OutputFile("/dev/full")
    #expect(output.target == .special(path: "/dev/full"))
    let error = #expect(throws: OutputFileError.self) {
      try output.write(Array(repeating: 65, count: 10_000), standardOutput: noStdout)
    }
    #expect(error?.description.contains("no space left on device") == true)
  }

  @Test func aDeviceIsWrittenInPlaceNotReplaced() throws {
    try OutputFile("/dev/null").write(Array("x".utf8), standardOutput: noStdout)
    var info = stat()
    #expect(stat("/dev/null", &info) == 0)
    #expect(info.st_mode & S_IFMT == S_IFCHR)
  }

  @Test func aSymlinkStaysALinkAndItsTargetIsReplaced() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let real = dir.appendingPathComponent("real.yaml").path
    let link = dir.appendingPathComponent("link.yaml").path
    try "old".write(toFile: real, atomically: true, encoding: .utf8)
    #expect(symlink(real, link) == 0)
    try OutputFile(link).write(Array("new".utf8), standardOutput: noStdout)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
    #expect(try String(contentsOfFile: real, encoding: .utf8) == "new")
  }

  @Test func dashIsStandardOutput() throws {
    var printed = ""
    try OutputFile("-").write(Array("doc".utf8)) { printed += $0 }
    #expect(printed == "doc")
  }

  @Test(arguments: [
    ("/nonexistent-opal-folder/p.json", "does not exist"),
    ("/tmp", "is a folder"),
    ("", "empty"),
  ])
  func badPathsAreRefusedBeforeAnyWork(path: String, words: String) {
    let error = #expect(throws: OutputFileError.self) { try OutputFile(path) }
    #expect(error?.description.contains(words) == true, "\(String(describing: error))")
  }

  @Test func aDanglingLinkIsRefused() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let link = dir.appendingPathComponent("dangling.json").path
    #expect(symlink(dir.appendingPathComponent("missing/x.json").path, link) == 0)
    let error = #expect(throws: OutputFileError.self) { try OutputFile(link) }
    #expect(error?.description.contains("symbolic link") == true)
  }

  @Test func aFileKeepsItsPermissionsWhenReplaced() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("exported.yaml").path
    try "old".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(chmod(path, 0o600) == 0)
    try OutputFile(path).write(Array("new".utf8), standardOutput: noStdout)
    var info = stat()
    #expect(stat(path, &info) == 0)
    #expect(info.st_mode & 0o777 == 0o600)
  }
}
