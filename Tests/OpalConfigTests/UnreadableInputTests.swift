import Foundation
import OpalCore
import Testing

@testable import OpalConfig

#if canImport(Glibc)
  import Glibc
#endif

/// Config paths and folder entries that are not regular files, and files in other encodings
/// (issue 13 §1, §7, §11, §12; issue 12 §4): each is an error naming it, and nothing is loaded.
@Suite struct UnreadableInputTests {
  let good = "version: 1\nprune: true\nscope: {include: [\"*\"]}\naliases:\n  a: {models: [openai/gpt-4o]}\n"

  func folder() throws -> URL {
    let url = try TestPaths.temporaryFolder()
    try good.write(to: url.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
    return url
  }

  func expectRefused(
    _ paths: [String], naming name: String, saying words: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let result = ConfigLoader().load(paths: paths)
    #expect(
      result.state == nil, "nothing may be planned from a config with an unreadable part",
      sourceLocation: sourceLocation)
    let hit = result.diagnostics.first { $0.message.contains(name) && $0.message.contains(words) }
    #expect(hit?.severity == .error, "\(result.diagnostics.map(\.message))", sourceLocation: sourceLocation)
  }

  @Test func aDanglingSymlinkInAFolderIsAnErrorNotASkip() throws {
    // Before: b.yaml was skipped silently, and with prune its aliases were planned for deletion.
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let link = dir.appendingPathComponent("b.yaml").path
    #expect(symlink(dir.appendingPathComponent("nowhere.yaml").path, link) == 0)
    expectRefused([dir.path], naming: "b.yaml", saying: "does not exist")
    expectRefused([link], naming: "b.yaml", saying: "does not exist")
  }

  @Test func aSymlinkLoopIsAnError() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let one = dir.appendingPathComponent("loop.yaml").path
    let two = dir.appendingPathComponent("loop2.yml").path
    #expect(symlink(two, one) == 0)
    #expect(symlink(one, two) == 0)
    expectRefused([dir.path], naming: "loop.yaml", saying: "loop")
  }

  @Test func aFIFOIsRefusedWithoutBlocking() throws {
    // Before: `validate -f FIFO` and a folder holding a FIFO blocked forever.
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("z.yaml").path
    #expect(mkfifo(fifo, 0o644) == 0)
    expectRefused([dir.path], naming: "z.yaml", saying: "FIFO")
    expectRefused([fifo], naming: "z.yaml", saying: "FIFO")
  }

  @Test func aDeviceIsRefused() {
    expectRefused(["/dev/null"], naming: "/dev/null", saying: "device")
  }

  @Test func aFolderNamedLikeAConfigFileIsAnError() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("sub.yaml"), withIntermediateDirectories: false)
    expectRefused([dir.path], naming: "sub.yaml", saying: "folder")
  }

  @Test(.enabled(if: getuid() != 0, "root reads any file"))
  func anUnreadableFileIsAnError() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("b.yaml")
    try good.write(to: file, atomically: true, encoding: .utf8)
    #expect(chmod(file.path, 0o000) == 0)
    expectRefused([dir.path], naming: "b.yaml", saying: "permission denied")
  }

  @Test func aUTF8ByteOrderMarkLoads() throws {
    let dir = try TestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("bom.yaml")
    try (Data([0xEF, 0xBB, 0xBF]) + Data(good.utf8)).write(to: file)
    let result = ConfigLoader().load(paths: [file.path])
    #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
    #expect(result.state?.aliases.map(\.name) == ["a"])
  }

  @Test(arguments: [
    (String.Encoding.utf16LittleEndian, [UInt8]([0xFF, 0xFE]), "UTF-16 (little-endian)"),
    (.utf16BigEndian, [0xFE, 0xFF], "UTF-16 (big-endian)"),
    (.utf32LittleEndian, [0xFF, 0xFE, 0, 0], "UTF-32 (little-endian)"),
    (.utf32BigEndian, [0, 0, 0xFE, 0xFF], "UTF-32 (big-endian)"),
  ])
  func otherEncodingsSayToSaveAsUTF8(encoding: String.Encoding, mark: [UInt8], name: String) throws {
    let dir = try TestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("wide.yaml")
    try (Data(mark) + (good.data(using: encoding) ?? Data())).write(to: file)
    let result = ConfigLoader().load(paths: [file.path])
    let error = try #require(result.diagnostics.first)
    #expect(error.message.contains(name))
    #expect(!error.message.contains("binary"))
    #expect(error.hint?.contains("save the file as UTF-8") == true)
  }

  @Test(arguments: ["sonnet4\u{200B}", "\u{202E}4tennos", "son\u{2066}net", "a\u{FEFF}b", "x\u{200F}"])
  func invisibleOrDirectionChangingCharactersInANameAreErrors(name: String) {
    let text =
      "version: 1\naliases:\n  \"\(name.unicodeScalars.map { "\\u\(String(format: "%04X", $0.value))" }.joined())\": {models: [openai/gpt-4o]}\n"
    let result = ConfigLoader().load(text: text, file: "names.yaml")
    #expect(result.state == nil)
    #expect(
      result.diagnostics.contains {
        $0.message.contains("invisible or direction-changing") && $0.location?.line == 3
      })
  }
}
