import Foundation
import OpalCore
import OpalYAML
import Testing

@testable import OpalConfig

/// Every input under `Fixtures/fuzz/` — crashes, timeouts and blow-ups found by the fuzzer
/// (`make fuzz`) or by reviewing the loader for it — loads without crashing, and ends in either
/// a desired state or an error that says why (docs/reliability.md, "Fuzzing").
enum FuzzFixtures {
  static let folder = TestPaths.fixtures.appendingPathComponent("fuzz")

  static func all() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }

  static func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
  }
}

@Test func fuzzFixturesArePresent() {
  #expect(FuzzFixtures.all().count >= 9)
}

@Test(arguments: FuzzFixtures.all())
func fuzzFixtureLoadsToAStateOrAnError(_ name: String) throws {
  let bytes = try FuzzFixtures.bytes(name)
  let parsed = YAMLLoader.load(bytes: bytes, file: name)
  if parsed.root == nil {
    #expect(parsed.diagnostics.contains { $0.severity == .error })
  }
  guard let text = String(validating: bytes, as: UTF8.self) else {
    #expect(parsed.root == nil, "bytes that are not UTF-8 are refused")
    return
  }
  let result = ConfigLoader().load(text: text, file: name)
  #expect(result.state != nil || result.hasErrors)
  // No message echoes a long user text in full, however often aliases repeat it.
  for d in result.diagnostics {
    #expect(d.message.count < 400, "\(d.message.prefix(80))...")
  }
}

@Test func aliasesCannotMultiplyTextPastTheByteLimit() throws {
  let text = String(decoding: try FuzzFixtures.bytes("alias-bytes-bomb.yaml"), as: UTF8.self)
  let result = ConfigLoader().load(text: text, file: "bomb.yaml")
  #expect(result.state == nil)
  #expect(result.diagnostics.first?.message.contains("bytes of text") == true)
  // The same file passes with a budget that fits it: the limit, not the text, refused it.
  var limits = YAMLLimits()
  limits.maxAliasExpandedBytes = 64 * 1024 * 1024
  let roomy = YAMLLoader.load(text: text, file: "bomb.yaml", limits: limits)
  #expect(roomy.root != nil)
  #expect(roomy.diagnostics.isEmpty)
}

@Test func longDuplicateAndUnknownKeysAreShortenedInMessages() {
  let key = String(repeating: "k", count: 500)
  let result = ConfigLoader().load(
    text: "version: 1\n\(key): 1\nx-a: {\(key): 1, \(key): 2}\n", file: "long.yaml")
  let duplicate = result.diagnostics.first { $0.message.contains("duplicate key") }
  let unknown = result.diagnostics.first { $0.message.contains("unknown key") }
  #expect(duplicate?.message.contains(String(repeating: "k", count: 40) + "...") == true)
  #expect(unknown?.message.contains(String(repeating: "k", count: 40) + "...") == true)
  #expect((duplicate?.message.count ?? .max) < 100)
  #expect((unknown?.message.count ?? .max) < 100)
}

@Test func repeatedRenamesAndInvalidRegexesAreStillReported() {
  let result = ConfigLoader().load(
    text: """
      version: 1
      x-p: &bad "(unclosed"
      aliases:
        a:
          models: [m/x]
          renamed_from: [old, other, old]
          smoke:
            - expect: {matches: [*bad, ok, *bad]}
      """, file: "r.yaml")
  let messages = result.diagnostics.map(\.message)
  #expect(messages.contains("'old' is listed twice in renamed_from"))
  #expect(messages.filter { $0.contains("not a valid regular expression") }.count == 2)
}

@Test func aRepeatedGlobIsCompiledAndKeptOnce() throws {
  let text = String(decoding: try FuzzFixtures.bytes("aliased-globs.yaml"), as: UTF8.self)
  let result = ConfigLoader().load(text: text, file: "globs.yaml")
  #expect(result.diagnostics.isEmpty)
  #expect(result.state?.scope.include?.globs.count == 1)
}

@Test func nestedComplexKeysBecomeLinearKeyText() throws {
  let text = String(decoding: try FuzzFixtures.bytes("nested-complex-keys.yaml"), as: UTF8.self)
  let result = ConfigLoader().load(text: text, file: "keys.yaml")
  #expect(result.diagnostics.isEmpty)
  let input = result.state?.aliases.first?.smoke.first?.input
  let key = input?.objectValue?.keys.first ?? ""
  #expect(key.count < 2_000, "key text grows with the nesting, not exponentially")
  #expect(key.hasPrefix("{{{"))
  let two = YAMLLoader.load(text: "? {? [b, {c: 1}] : 2}\n: x\n", file: "k.yaml").root
  #expect(two?.jsonValue == .object(["{[\"b\",{\"c\":1}]:2}": .string("x")]))
}
