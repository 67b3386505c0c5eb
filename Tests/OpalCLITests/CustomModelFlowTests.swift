import Foundation
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Testing

/// Custom models as code (SPEC §15) end to end through the CLI on a live emulator: the order of
/// the writes, the key only in the emulator's request, rotation, export round trip, and the
/// errors a user meets.
@Suite struct CustomModelFlowTests {
  static let config = """
    version: 1
    scope: {include: ["cm/*"]}
    prune: true
    aliases:
      cm/chat:
        models: [cm/llama-ft, openai/gpt-4o-mini]
        smoke:
          - name: echo
            input: {text: "hello"}
            expect: {contains: "hello"}
    custom_models:
      cm/llama-ft:
        identifier: fireworks/accounts/acme/models/llama-ft
        extra: {region: eu}
        api_key: {env: OPPER_TEST_KEY}

    """

  static let pruned = """
    version: 1
    scope: {include: ["cm/*"]}
    prune: true
    aliases:
      cm/other:
        models: [openai/gpt-4o-mini]

    """

  /// The writes of `log` (POST, PATCH, DELETE), in order.
  static func writes(_ log: [String]) -> [String] {
    log.filter { $0.hasPrefix("POST /v2/models") || $0.hasPrefix("PATCH ") || $0.hasPrefix("DELETE ") }
  }

  @Test func aCustomModelIsCreatedBeforeTheAliasThatUsesItAndDeletedAfter() async throws {
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-order-1"
      let path = try f.write(Self.config)
      let applied = await harness.run(["apply", "-f", path, "--auto-approve"])
      #expect(applied.exitCode == 0, "\(applied.all)")
      #expect(applied.stdout.contains("+ custom model cm/llama-ft"), "\(applied.stdout)")
      #expect(applied.stdout.contains("key: will be sent (from environment variable OPPER_TEST_KEY)"))
      let created = Self.writes(await f.server.requestLog())
      #expect(created == ["POST /v2/models/custom", "POST /v2/models/aliases"], "\(created)")

      await f.server.resetRequestCounts()
      let later = try f.write(Self.pruned)
      let deleted = await harness.run(["apply", "-f", later, "--auto-approve"])
      #expect(deleted.exitCode == 0, "\(deleted.all)")
      let order = Self.writes(await f.server.requestLog())
      #expect(order.count == 3, "\(order)")
      #expect(order.first == "POST /v2/models/aliases", "\(order)")
      #expect(order.dropFirst().first?.hasPrefix("DELETE /v2/models/aliases/") == true, "\(order)")
      #expect(order.last?.hasPrefix("DELETE /v2/models/custom/") == true, "\(order)")
      #expect(try await f.client.listCustomModels().isEmpty)
    }
  }

  @Test func rotateKeysSendsTheKeyAgainAndOnlyThen() async throws {
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-first"
      let path = try f.write(Self.config)
      #expect(await harness.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      #expect(await f.server.customModelKeysReceived() == ["cm/llama-ft": "canary-first"])

      harness.environment["OPPER_TEST_KEY"] = "canary-second"
      let plain = await harness.run(["apply", "-f", path, "--auto-approve"])
      #expect(plain.exitCode == 0, "\(plain.all)")
      #expect(await f.server.customModelKeysReceived() == ["cm/llama-ft": "canary-first"])

      let rotated = await harness.run(["apply", "-f", path, "--auto-approve", "--rotate-keys"])
      #expect(rotated.exitCode == 0, "\(rotated.all)")
      #expect(rotated.stdout.contains("~ custom model cm/llama-ft  (rotate key)"), "\(rotated.stdout)")
      #expect(rotated.stdout.contains("key sent"), "\(rotated.stdout)")
      #expect(await f.server.customModelKeysReceived() == ["cm/llama-ft": "canary-second"])

      harness.environment["OPPER_TEST_KEY"] = "canary-third"
      let named = await harness.run(["apply", "-f", path, "--auto-approve", "--rotate-keys", "cm/other-*"])
      #expect(named.exitCode == 0, "\(named.all)")
      #expect(
        named.stderr.contains("matches no declared custom model") || named.stdout.contains("matches no"))
      #expect(await f.server.customModelKeysReceived() == ["cm/llama-ft": "canary-second"])
      let byName = await harness.run(["apply", "-f", path, "--auto-approve", "--rotate-keys", "cm/llama-ft"])
      #expect(byName.exitCode == 0, "\(byName.all)")
      #expect(await f.server.customModelKeysReceived() == ["cm/llama-ft": "canary-third"])
    }
  }

  @Test func anInlineKeyIsAnErrorAtItsPlaceAndIsNeverRepeated() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\ncustom_models:\n  m:\n    identifier: x/y\n    api_key: sk-inline-5b7e0c\n",
      to: "opal.yaml",
      in: dir)
    let r = await CLIHarness().run(["validate", "-f", path])
    #expect(r.exitCode == 1)
    #expect(r.stderr.contains("\(path):5:14: error: "), "\(r.stderr)")
    #expect(r.stderr.contains("use {env: NAME} or {file: PATH}"))
    #expect(!r.all.contains("5b7e0c"))
  }

  @Test func aKeyThatCannotBeReadStopsThePlanAtItsApiKeyLine() async throws {
    try await EmulatorFixture.with { f in
      let path = try f.write(Self.config)
      let r = await f.run(["plan", "-f", path])
      #expect(r.exitCode == 1, "\(r.all)")
      #expect(r.stderr.contains("\(path):15:5: error: "), "\(r.stderr)")
      #expect(r.stderr.contains("OPPER_TEST_KEY is not set"))
      #expect(await f.server.requestLog().allSatisfy { !$0.hasPrefix("POST") })
    }
  }

  @Test func exportWritesPlaceholdersAndPlansBackToNoChange() async throws {
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-export"
      let path = try f.write(Self.config)
      #expect(await harness.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      let exported = f.directory.appendingPathComponent("export.yaml").path
      let export = await f.run(["export", "-o", exported])
      #expect(export.exitCode == 0, "\(export.all)")
      let text = try String(contentsOfFile: exported, encoding: .utf8)
      #expect(text.contains("custom_models:\n  cm/llama-ft:\n"), "\(text)")
      #expect(text.contains("api_key: {env: OPPER_CUSTOM_KEY_CM_LLAMA_FT}"), "\(text)")
      #expect(!text.contains("canary-export"))
      // No variable is set: planning the export sends no key, so it needs none.
      let plan = await f.run(["plan", "-f", exported, "--detailed-exitcode"])
      #expect(plan.exitCode == 0, "\(plan.all)")
    }
  }

  @Test func aPlanFileRecordsTheReferenceNotTheKeyAndAppliesWithoutTheConfig() async throws {
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-planfile-91c2"
      let path = try f.write(Self.config)
      let planFile = f.directory.appendingPathComponent("plan.json").path
      #expect(await harness.run(["plan", "-f", path, "-o", planFile]).exitCode == 0)
      let saved = try String(contentsOfFile: planFile, encoding: .utf8)
      #expect(
        saved.contains("\"env\" : \"OPPER_TEST_KEY\"") || saved.contains("\"env\":\"OPPER_TEST_KEY\""),
        "\(saved)")
      #expect(!saved.contains("91c2"))
      try FileManager.default.removeItem(atPath: path)
      let applied = await harness.run(["apply", planFile])
      #expect(applied.exitCode == 0, "\(applied.all)")
      #expect(await f.server.customModelKeysReceived() == ["cm/llama-ft": "canary-planfile-91c2"])
    }
  }

  @Test func aPlanFileIsStaleWhenACustomModelChangedBehindOpal() async throws {
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-stale"
      let path = try f.write(Self.config)
      #expect(await harness.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      let edited = Self.config.replacingOccurrences(of: "region: eu", with: "region: us")
      let planFile = f.directory.appendingPathComponent("plan.json").path
      #expect(await harness.run(["plan", "-f", try f.write(edited), "-o", planFile]).exitCode == 0)
      let model = try #require(try await f.client.customModel(named: "cm/llama-ft"))
      _ = try await f.client.updateCustomModel(id: model.id, CustomModelUpdate(identifier: "someone/else"))
      let r = await harness.run(["apply", planFile])
      #expect(r.exitCode == 1, "\(r.all)")
      #expect(
        r.stderr.contains("stale plan: the custom models (declared or remote) changed since the plan"),
        "\(r.stderr)")
      #expect(try await f.client.customModel(named: "cm/llama-ft")?.identifier == "someone/else")
    }
  }

  /// A server that echoes the custom model's key in an error: the failed create is reported
  /// with the key redacted, like the API key.
  @Test func aServerEchoingTheKeyInAnErrorNeverShowsIt() async throws {
    let canary = "canary-echoed-6e02b1"
    let faults =
      #"{"endpoints": {"POST /models/custom": {"status": 400, "message": "bad api_key canary-echoed-6e02b1"}}}"#
    try await EmulatorFixture.with(faults: faults) { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = canary
      let path = try f.write(Self.config)
      let r = await harness.run(["apply", "-f", path, "--auto-approve", "-v"])
      #expect(r.exitCode == 1, "\(r.all)")
      #expect(r.stdout.contains("FAILED   + custom model cm/llama-ft"), "\(r.stdout)")
      #expect(r.all.contains("[redacted]"), "\(r.all)")
      #expect(!r.all.contains("6e02b1"), "\(r.all)")
    }
  }

  /// The Done-when: a config with a custom model (key from OPPER_TEST_KEY) and an alias using it
  /// applies, smokes and exports through the real binary at `-v`, and the key's value is found
  /// nowhere but in the emulator's request.
  @Test func theKeyIsFoundNowhereButInTheEmulatorsRequest() async throws {
    let canary = "canary-5d1f08e3a7b94c26"
    try await withEmulator(configuration: EmulatorConfiguration(apiKey: EmulatorFixture.key)) { server, _ in
      let dir = try CLIHarness.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      let path = try CLIHarness.write(Self.config, to: "opal.yaml", in: dir)
      let environment = [
        "OPPER_BASE_URL": server.baseURL, "OPPER_API_KEY": EmulatorFixture.key, "OPPER_TEST_KEY": canary,
      ]
      let out = dir.path
      let runs: [([String], Set<Int32>)] = [
        (["validate", "-f", path, "--online", "-v"], [0]),
        (["plan", "-f", path, "-v", "-o", out + "/plan.json", "--format", "markdown"], [0]),
        (["plan", "-f", path, "-v", "--format", "json"], [0]),
        (["apply", out + "/plan.json", "-v"], [0]),
        (["apply", "-f", path, "--auto-approve", "-v", "--rotate-keys", "--format", "json"], [0]),
        (["export", "-v", "-o", out + "/export.yaml"], [0]),
        (["smoke", "-f", path, "-v", "--junit", out + "/junit.xml", "--format", "json"], [0]),
      ]
      var texts: [(String, String)] = []
      for (args, codes) in runs {
        let r = try await OpalProcess.run(args, environment: environment, directory: dir)
        #expect(codes.contains(r.exitCode), "\(args): \(r.all)")
        texts += [("\(args) stdout", r.stdout), ("\(args) stderr", r.stderr)]
      }
      #expect(await server.customModelKeysReceived() == ["cm/llama-ft": canary])
      var found: [String] = []
      for (label, text) in texts where text.contains(canary) { found.append(label) }
      if let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) {
        for case let url as URL in walker {
          guard let data = try? Data(contentsOf: url) else { continue }
          if data.range(of: Data(canary.utf8)) != nil { found.append("file \(url.lastPathComponent)") }
        }
      }
      #expect(found.isEmpty, "the key leaked: \(found)")
      #expect(FileManager.default.fileExists(atPath: out + "/junit.xml"))
    }
  }
}
