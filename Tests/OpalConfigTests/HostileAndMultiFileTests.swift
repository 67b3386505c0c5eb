import Foundation
import OpalCore
import Testing

@testable import OpalConfig

private func write(_ text: String, to folder: URL, _ name: String) throws -> String {
  let url = folder.appendingPathComponent(name)
  try text.write(to: url, atomically: true, encoding: .utf8)
  return url.path
}

@Test func everyErrorIsReportedInOneRun() {
  let text = """
    version: 1
    prune: maybe
    aliases:
      a:
        models: []
      b:
        modelz: [x]
      c:
        models: [openai/gpt-4o, a]
        description: 7
    """
  let result = ConfigLoader().load(text: text, file: "multi.yaml")
  #expect(result.state == nil)
  #expect(result.diagnostics.map { $0.location?.line ?? 0 } == [2, 5, 7, 9, 10])
  #expect(
    result.diagnostics.map(\.keyPath) == [
      "prune", "aliases.a.models", "aliases.b.modelz", "aliases.c.models[1]", "aliases.c.description",
    ])
}

@Test func aFolderRefusesAnAliasDeclaredInTwoFiles() throws {
  let folder = try TestPaths.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  _ = try write("version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n", to: folder, "1.yaml")
  _ = try write("version: 1\nprune: true\n", to: folder, "2.yml")
  _ = try write("version: 1\nprune: false\naliases:\n  a: {models: [x/y]}\n", to: folder, "3.yaml")
  _ = try write("not: read\n", to: folder, "notes.txt")
  let result = ConfigLoader().load(paths: [folder.path])
  #expect(result.state == nil)
  let messages = result.diagnostics.map(\.message)
  #expect(messages.count == 2)
  #expect(messages.contains { $0.contains("alias 'a' is declared twice") && $0.contains("1.yaml") })
  #expect(messages.contains { $0.contains("'prune' is set in two files") })
  let twice = try #require(result.diagnostics.first { $0.message.contains("declared twice") })
  #expect(twice.location?.file.hasSuffix("3.yaml") == true)
  #expect(twice.related.first?.location.file.hasSuffix("1.yaml") == true)
}

@Test func missingPathsAndEmptyFoldersAreClearErrors() throws {
  let folder = try TestPaths.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let missing = folder.appendingPathComponent("nope.yaml").path
  let result = ConfigLoader().load(paths: [missing, folder.path])
  #expect(
    result.diagnostics.map(\.message) == [
      "no such file or folder: \(missing)", "folder \(folder.path) holds no *.yaml or *.yml files",
    ])
}

@Test func aBinaryFileIsRefused() throws {
  let folder = try TestPaths.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let path = folder.appendingPathComponent("binary.yaml").path
  var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]  // an ELF header
  var x: UInt32 = 12345
  for _ in 0..<4096 {
    x = x &* 1_103_515_245 &+ 12345
    bytes.append(UInt8(truncatingIfNeeded: x >> 16))
  }
  FileManager.default.createFile(atPath: path, contents: Data(bytes))
  let result = ConfigLoader().load(paths: [path])
  #expect(result.state == nil)
  #expect(result.diagnostics.first?.message.contains("NUL byte") == true)
  #expect(result.diagnostics.first?.location?.column == 8)
}

@Test func aFiftyMegabyteFileIsRefusedBeforeItIsRead() throws {
  let folder = try TestPaths.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let path = folder.appendingPathComponent("huge.yaml").path
  FileManager.default.createFile(atPath: path, contents: nil)
  let handle = try #require(FileHandle(forWritingAtPath: path))
  try handle.truncate(atOffset: 50 * 1024 * 1024)  // sparse: nothing written, nothing to read
  try handle.close()
  let result = ConfigLoader().load(paths: [path])
  #expect(result.state == nil)
  let first = try #require(result.diagnostics.first)
  #expect(first.message.contains("52428800 bytes, more than the limit of 33554432"))
  #expect(first.location == SourceLocation(file: path, line: 1, column: 1))
}

@Test func billionLaughsAndDeepNestingGetOneClearError() {
  var laughs = "version: 1\nx-0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
  for i in 1...9 {
    laughs += "x-\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 9).joined(separator: ", ") + "]\n"
  }
  let bomb = ConfigLoader().load(text: laughs, file: "lol.yaml")
  #expect(bomb.state == nil)
  #expect(bomb.diagnostics.count == 1)
  #expect(bomb.diagnostics.first?.message.contains("expands to more than 1000000 nodes") == true)
  #expect(bomb.diagnostics.first?.location?.line == 8)

  let deep =
    "version: 1\nx-deep: " + String(repeating: "[", count: 10_000)
    + String(repeating: "]", count: 10_000) + "\n"
  let nested = ConfigLoader().load(text: deep, file: "deep.yaml")
  #expect(nested.diagnostics.count == 1)
  #expect(nested.diagnostics.first?.message.contains("deeper than the limit of 256") == true)
  #expect(nested.diagnostics.first?.location == SourceLocation(file: "deep.yaml", line: 2, column: 264))
}

@Test func aGeneratedTenThousandAliasConfigLoads() throws {
  var text =
    "version: 1\nx-chains:\n  tail: &tail [anthropic/claude-sonnet-4, gcp/claude-sonnet-4]\naliases:\n"
  for i in 0..<10_000 {
    text += """
        team-\(i % 37)/alias-\(i):
          description: Generated alias number \(i) for the load test of opal's loader.
          models: [aws/claude-sonnet-4-eu, openai/gpt-4o-mini, mistral/mistral-small-eu]
          smoke:
            - {name: echo, input: "hello \(i)", expect: {contains: hello}}

      """
  }
  #expect(text.utf8.count > 2_000_000)
  let result = ConfigLoader().load(text: text, file: "big.yaml")
  #expect(result.diagnostics == [])
  #expect(result.state?.aliases.count == 10_000)
  #expect(result.state?.aliases.last?.name == "team-\(9999 % 37)/alias-9999")
}
