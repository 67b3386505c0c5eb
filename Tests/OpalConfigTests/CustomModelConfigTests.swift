import Foundation
import OpalCore
import Testing

@testable import OpalConfig

/// `custom_models:` (SPEC §15): what is read, where a key may come from, and that a key's
/// value never shows in a diagnostic, a description or an encoding.
@Suite struct CustomModelConfigTests {
  static func load(_ text: String, file: String = "/cfg/opal.yaml") -> ConfigLoadResult {
    ConfigLoader().load(text: text, file: file)
  }

  @Test func readsIdentifierExtraAndAReferenceResolvedBesideTheFile() throws {
    let result = Self.load(
      """
      version: 1
      custom_models:
        acme/llama:
          identifier: fireworks/llama
          extra: {region: eu, max: 3}
          api_key: {file: keys/llama.txt}
        acme/other:
          identifier: x/y
          api_key: {env: OTHER_KEY}
        acme/keyless:
          identifier: x/z
      aliases:
        chat: {models: [acme/llama]}
      """)
    #expect(result.diagnostics == [])
    let state = try #require(result.state)
    let llama = try #require(state.customModel(named: "acme/llama"))
    #expect(llama.identifier == "fireworks/llama")
    #expect(llama.extra == ["region": .string("eu"), "max": .integer(3)])
    #expect(llama.apiKey == .file("/cfg/keys/llama.txt"))
    #expect(llama.apiKeyLocation == SourceLocation(file: "/cfg/opal.yaml", line: 6, column: 5))
    #expect(state.customModel(named: "acme/other")?.apiKey == .env("OTHER_KEY"))
    #expect(state.customModel(named: "acme/keyless")?.apiKey == nil)
    #expect(state.customModelOwnership().owns("acme/llama") && !state.customModelOwnership().owns("zzz"))
  }

  @Test func aModelNamedLikeADeclaredAliasOrDeclaredTwiceIsAnError() {
    let result = Self.load(
      """
      version: 1
      aliases:
        chat: {models: [a/b]}
      custom_models:
        chat: {identifier: x/y}
      """)
    #expect(result.state == nil)
    #expect(result.diagnostics.first?.message.contains("both as a custom model and as an alias") == true)
  }

  @Test func anInlineKeyNeverAppearsInTheDiagnostic() {
    let secret = "sk-live-4c0ffee4c0ffee"
    for value in [secret, "\"\(secret)\"", "[\(secret)]", "{value: \(secret)}"] {
      let result = Self.load("version: 1\ncustom_models:\n  m:\n    identifier: x/y\n    api_key: \(value)\n")
      #expect(result.state == nil, "\(value)")
      for d in result.diagnostics {
        #expect(!"\(d.message) \(d.hint ?? "")".contains("4c0ffee"), "\(d.message)")
        #expect(d.location?.line == 5)
      }
    }
  }

  @Test func aSecretValueNeverShowsItself() throws {
    let secret = SecretValue("sk-hidden-77aa")
    var dumped = ""
    dump(secret, to: &dumped)
    let encoded = String(decoding: try JSONEncoder().encode([secret]), as: UTF8.self)
    for text in ["\(secret)", String(describing: secret), String(reflecting: secret), dumped, encoded] {
      #expect(!text.contains("77aa"), "\(text)")
    }
    #expect(secret.revealed == "sk-hidden-77aa")
  }

  @Test func keysAreReadFromTheEnvironmentOrARegularFileWithOneNewlineTrimmed() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("opal-keys-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    func spec(_ reference: KeyReference) -> CustomModelSpec {
      CustomModelSpec(
        name: "m", identifier: "x", apiKey: reference,
        apiKeyLocation: SourceLocation(file: "opal.yaml", line: 9, column: 5))
    }
    let resolver = KeyResolver(environment: ["SET": "from-env", "EMPTY": ""])
    #expect(try resolver.key(for: spec(.env("SET"))).get()?.revealed == "from-env")
    let files: [(String, String)] = [("a", "k1\n"), ("b", "k2\r\n"), ("c", "k3\n\n"), ("d", "k4")]
    for (name, text) in files {
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let read = files.map {
      (try? resolver.key(for: spec(.file(dir.appendingPathComponent($0.0).path))).get())??.revealed
    }
    #expect(read == ["k1", "k2", "k3\n", "k4"])

    // Unset, empty, missing, a folder, a FIFO, too big, empty file: an error at the api_key line,
    // naming the variable or the file, never a value.
    let fifo = dir.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let big = dir.appendingPathComponent("big")
    try String(repeating: "x", count: KeyResolver.maxFileBytes + 1).write(
      to: big, atomically: true, encoding: .utf8)
    try "".write(to: dir.appendingPathComponent("empty"), atomically: true, encoding: .utf8)
    let failing: [(KeyReference, String)] = [
      (.env("UNSET"), "UNSET is not set"), (.env("EMPTY"), "EMPTY is set but empty"),
      (.file(dir.appendingPathComponent("none").path), "no such file"), (.file(dir.path), "a folder"),
      (.file(fifo), "FIFO"), (.file(big.path), "more than"),
      (.file(dir.appendingPathComponent("empty").path), "is empty"),
    ]
    for (reference, message) in failing {
      let diagnostics = DiagnosticList()
      let keys = resolver.keys(for: [spec(reference)], into: diagnostics)
      #expect(keys.isEmpty)
      let d = try #require(diagnostics.diagnostics.first, "\(reference)")
      #expect(d.message.contains(message), "\(d.message)")
      #expect(d.location == SourceLocation(file: "opal.yaml", line: 9, column: 5))
      #expect(d.keyPath?.text == "custom_models.m.api_key")
      #expect(!d.message.contains("from-env"))
    }
  }
}
