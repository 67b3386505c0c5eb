import Foundation
import OpalReconcile
import OpalTestSupport
import OpperAPI
import Synchronization
import Testing

/// `apply --verify` and `opal rollback SNAPSHOT` end to end (SPEC §15), over real sockets
/// against the emulator, with faults from `faultPlan`.
@Suite struct VerifyRollbackTests {
  /// Every model of the new chains is down.
  static let broken = """
    models:
      openai/gpt-4o-mini: {status: 503}
      openai/gpt-4.1: {status: 503}
    """

  /// The whole alias list, as comparable rows (id, name, chain, description).
  static func everything(_ client: OpperClient) async throws -> [String] {
    try await client.listAliases().map {
      "\($0.id) \($0.name) \($0.fallbackModels) \($0.description ?? "-")"
    }.sorted()
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func aNewChainWhoseModelsAreAllDownIsRolledBackAndTheRemoteIsExactlyAsBefore() async throws {
    try await EmulatorFixture.with(faults: Self.broken) { f in
      _ = try await f.client.createAlias(
        AliasCreate(name: "keep", fallbackModels: ["openai/gpt-4o"], description: "stays"))
      let before = try await Self.everything(f.client)
      let path = try f.write(
        """
        version: 1
        aliases:
          keep: {description: stays, models: [openai/gpt-4o]}
          broken: {models: [openai/gpt-4o-mini, openai/gpt-4.1]}

        """)
      let snapshot = f.directory.appendingPathComponent("snap.json").path
      let apply = await f.run(
        ["apply", "-f", path, "--auto-approve", "--verify", "--snapshot", snapshot, "--no-color"])
      #expect(apply.exitCode == 1, "\(apply.all)")
      #expect(apply.stdout.contains("rolled back      + broken  (its check failed:"), "\(apply.stdout)")
      #expect(apply.stdout.contains("failed verification: broken"), "\(apply.stdout)")
      #expect(apply.stdout.contains("The organization is as it was before the apply."))
      #expect(apply.stderr.contains("snapshot of what this apply changes: \(snapshot)"))
      #expect(try await Self.everything(f.client) == before)
    }
  }

  @Test func anUpdateThatBreaksAnAliasIsRestoredExactlyAndTheJSONReportSaysSo() async throws {
    try await EmulatorFixture.with(faults: Self.broken) { f in
      let original = try await f.client.createAlias(
        AliasCreate(
          name: "sonnet", fallbackModels: ["openai/gpt-4o", "anthropic/claude-sonnet-4"], description: "old"))
      let before = try await Self.everything(f.client)
      let path = try f.write(
        "version: 1\naliases:\n  sonnet: {description: new, models: [openai/gpt-4o-mini]}\n")
      let apply = await f.run(
        [
          "apply", "-f", path, "--auto-approve", "--verify", "--format", "json",
          "--snapshot", f.directory.appendingPathComponent("s.json").path,
        ])
      #expect(apply.exitCode == 1, "\(apply.all)")
      let report = try Self.json(apply.stdout)
      let verification = try #require(report["verification"] as? [String: Any])
      #expect(verification["rolled_back"] as? Bool == true)
      let entries = try #require(verification["entries"] as? [[String: Any]])
      #expect(entries.count == 1)
      #expect(entries.first?["status"] as? String == "rolled_back")
      #expect(entries.first?["check"] as? String == "failed")
      #expect((entries.first?["message"] as? String)?.contains("its check failed") == true)
      let now = try #require(try await f.client.alias(named: "sonnet"))
      #expect(now.id == original.id)
      #expect(now.fallbackModels == ["openai/gpt-4o", "anthropic/claude-sonnet-4"])
      #expect(now.description == "old")
      #expect(try await Self.everything(f.client) == before)
    }
  }

  @Test func aHealthyChainIsVerifiedAndStays() async throws {
    try await EmulatorFixture.with(faults: Self.broken) { f in
      let path = try f.write("version: 1\naliases:\n  fine: {models: [openai/gpt-4o]}\n")
      let apply = await f.run(
        [
          "apply", "-f", path, "--auto-approve", "--verify", "--no-color",
          "--snapshot", f.directory.appendingPathComponent("s.json").path,
        ])
      #expect(apply.exitCode == 0, "\(apply.all)")
      #expect(apply.stdout.contains("verified         + fine"), "\(apply.stdout)")
      #expect(apply.stdout.contains("Every changed alias and route answered."))
      #expect(try await f.client.alias(named: "fine")?.fallbackModels == ["openai/gpt-4o"])
    }
  }

  @Test func aRouteChangeThatBreaksIsRolledBackToItsPreviousActiveVersion() async throws {
    try await RouteFixture.with(faults: Self.broken) { f in
      let config = """
        version: 1
        routes:
          support: {models: [anthropic/claude-sonnet-4, openai/gpt-4o]}

        """
      let first = await f.run(["apply", "-f", try f.write(config), "--auto-approve"])
      #expect(first.exitCode == 0, "\(first.all)")
      let v1 = try #require(try await f.routes.version(name: "support", number: 1)?.graph)
      let changed = config.replacingOccurrences(
        of: "[anthropic/claude-sonnet-4, openai/gpt-4o]", with: "[openai/gpt-4o-mini, openai/gpt-4.1]")
      let apply = await f.run(
        [
          "apply", "-f", try f.write(changed, to: "changed.yaml"), "--auto-approve", "--verify", "--no-color",
          "--snapshot", f.directory.appendingPathComponent("s.json").path,
        ])
      #expect(apply.exitCode == 1, "\(apply.all)")
      // Only a route changes: nothing is smoked while the apply runs, so no line says so.
      #expect(apply.stderr.contains("verify: smoking what this apply changed"), "\(apply.stderr)")
      #expect(!apply.stderr.contains("as it lands"), "\(apply.stderr)")
      #expect(apply.stdout.contains("rolled back      ~ route support"), "\(apply.stdout)")
      #expect(apply.stdout.contains("rolled back to v1"), "\(apply.stdout)")
      let route = try #require(try await f.routes.route(named: "support"))
      #expect(route.detail.activeVersionNumber == 3)  // v2 the broken one, v3 = v1's graph again
      let live = try await f.routes.version(name: "support", number: route.detail.activeVersionNumber)
      #expect(live?.graph == v1)
    }
  }

  @Test func aRollbackAfterAPartialFailureRestoresEverythingAndASecondOnePlansNothing() async throws {
    // The first PATCH is refused (422: not retried); the rest of the apply goes through.
    let faults = #"{"endpoints": {"PATCH /models/aliases/*": {"status": 422, "consecutive": 1}}}"#
    try await EmulatorFixture.with(faults: faults) { f in
      for name in ["a", "b"] {
        _ = try await f.client.createAlias(AliasCreate(name: name, fallbackModels: ["openai/gpt-4o"]))
      }
      let before = try await Self.everything(f.client)
      let path = try f.write(
        """
        version: 1
        aliases:
          a: {models: [openai/gpt-4o-mini]}
          b: {models: [openai/gpt-4.1]}
          c: {models: [openai/gpt-4o]}

        """)
      let snapshot = f.directory.appendingPathComponent("partial.json").path
      let apply = await f.run(
        ["apply", "-f", path, "--auto-approve", "--parallelism", "1", "--snapshot", snapshot])
      #expect(apply.exitCode == 1, "\(apply.all)")
      #expect(try await Self.everything(f.client) != before)

      let shown = await f.run(["rollback", snapshot, "--plan-only", "--no-color"])
      #expect(shown.exitCode == 0, "\(shown.all)")
      #expect(shown.stdout.contains("- c"), "\(shown.stdout)")
      #expect(try await Self.everything(f.client) != before)  // --plan-only changes nothing
      let markdown = await f.run(["rollback", snapshot, "--plan-only", "--format", "markdown"])
      #expect(markdown.exitCode == 0, "\(markdown.all)")
      #expect(markdown.stdout.contains("#### - `c` (delete)"), "\(markdown.stdout)")
      #expect(markdown.stdout.contains("apply with `opal rollback \(snapshot)`"), "\(markdown.stdout)")

      let rollback = await f.run(["rollback", snapshot, "--auto-approve", "--no-color"])
      #expect(rollback.exitCode == 0, "\(rollback.all)")
      #expect(try await Self.everything(f.client) == before)

      let again = await f.run(["rollback", snapshot, "--auto-approve", "--format", "json"])
      #expect(again.exitCode == 0, "\(again.all)")
      #expect(again.stderr.contains("nothing to roll back"))
      #expect(try Self.json(again.stdout)["results"] as? [Any] != nil)
    }
  }

  @Test func aRollbackRefusesWhatSomeoneChangedSinceTheSnapshotUnlessForced() async throws {
    try await EmulatorFixture.with { f in
      let path = try f.write("version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n")
      let snapshot = f.directory.appendingPathComponent("s.json").path
      #expect(await f.run(["apply", "-f", path, "--auto-approve", "--snapshot", snapshot]).exitCode == 0)
      let created = try #require(try await f.client.alias(named: "a"))
      _ = try await f.client.updateAlias(id: created.id, AliasUpdate(fallbackModels: ["openai/gpt-4.1"]))
      let refused = await f.run(["rollback", snapshot, "--auto-approve"])
      #expect(refused.exitCode == 1)
      #expect(
        refused.stderr.contains("a changed on the remote since the snapshot was taken"), "\(refused.all)")
      #expect(try await f.client.alias(named: "a") != nil)
      let forced = await f.run(["rollback", snapshot, "--auto-approve", "--force"])
      #expect(forced.exitCode == 0, "\(forced.all)")
      #expect(try await f.client.alias(named: "a") == nil)
    }
  }

  @Test func theDefaultSnapshotGoesUnderDotOpalAndNeverHoldsAKey() async throws {
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.currentDirectory = f.directory.path
      let path = try f.write("version: 1\naliases:\n  a: {models: [openai/gpt-4o]}\n")
      let apply = await harness.run(["apply", "-f", path, "--auto-approve", "-v"])
      #expect(apply.exitCode == 0, "\(apply.all)")
      let folder = f.directory.appendingPathComponent(".opal/snapshots")
      let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      #expect(files.count == 1)
      let name = try #require(files.first)
      #expect(name.hasSuffix(".json") && name.contains("Z-"))
      #expect(apply.stderr.contains(name))
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      #expect(!text.contains(EmulatorFixture.key))
      #expect(!text.lowercased().contains("bearer"))
      let snapshot = try SnapshotFile.read(from: folder.appendingPathComponent(name).path)
      #expect(snapshot.host == Snapshot.host(of: f.server.baseURL))
      #expect(snapshot.aliases.map(\.name) == ["a"])
      #expect(snapshot.aliases.first?.before == nil)
    }
  }

  @Test func theSnapshotIsOnDiskBeforeTheFirstWriteToTheRemote() async throws {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let snapshot = dir.appendingPathComponent("first.json").path
    let existedAtFirstWrite = Mutex<Bool?>(nil)
    let script = LyingServerApplyTests.api { request in
      guard request.method == "POST", request.path == "/v2/models/aliases" else { return nil }
      existedAtFirstWrite.withLock { seen in
        if seen == nil { seen = FileManager.default.fileExists(atPath: snapshot) }
      }
      return [.respond(400, #"{"type":"BadRequestError","message":"no"}"#)]
    }
    try await withHostileServer(script) { server, _ in
      var harness = CLIHarness()
      harness.environment = [
        "OPPER_API_KEY": testKey, "OPPER_BASE_URL": server.baseURL(port: server.port ?? 0),
      ]
      let path = try CLIHarness.write(
        "version: 1\naliases:\n  sonnet: {models: [openai/gpt-4o]}\n", to: "opal.yaml", in: dir)
      let result = await harness.run(["apply", "-f", path, "--auto-approve", "--snapshot", snapshot, "-v"])
      #expect(result.exitCode == 1, "\(result.all)")
    }
    #expect(existedAtFirstWrite.withLock { $0 } == true)
    let text = try String(contentsOfFile: snapshot, encoding: .utf8)
    #expect(!text.contains(testKey))
    #expect(try SnapshotFile.read(from: snapshot).aliases.map(\.name) == ["sonnet"])
  }

  @Test func aHostileSnapshotFileIsOneClearError() async throws {
    try await EmulatorFixture.with { f in
      let notJSON = try f.write("aliases: [", to: "bad.json")
      let otherVersion = try f.write(
        #"{"kind":"opal-snapshot","format_version":9,"opal_version":"x","created_at":"t","host":"h","aliases":[]}"#,
        to: "v9.json")
      let plan = try f.write(#"{"kind":"opal-plan","format_version":1}"#, to: "plan.json")
      let huge = f.directory.appendingPathComponent("huge.json").path
      #expect(FileManager.default.createFile(atPath: huge, contents: nil))
      let handle = try #require(FileHandle(forWritingAtPath: huge))
      try handle.truncate(atOffset: UInt64(SnapshotFile.maxBytes) + 1)
      try handle.close()
      let fifo = f.directory.appendingPathComponent("fifo").path
      #expect(mkfifo(fifo, 0o600) == 0)
      let cases: [(String, String)] = [
        (notJSON, "not a JSON snapshot file"), (otherVersion, "format_version 9"),
        (plan, "not an opal snapshot"), (huge, "more than a snapshot may hold"),
        (fifo, "not a regular file"), (f.directory.path, "not a regular file"),
        (f.directory.appendingPathComponent("missing.json").path, "cannot read it"),
      ]
      for (path, message) in cases {
        let result = await f.run(["rollback", path, "--auto-approve"])
        #expect(result.exitCode == 1, "\(path): \(result.all)")
        #expect(result.stderr.contains(message), "\(path): \(result.stderr)")
        #expect(result.stderr.components(separatedBy: "error: ").count == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
      }
    }
  }

  @Test func rollbackRouteStillWorksBesideTheSnapshotDefault() async throws {
    try await RouteFixture.with { f in
      let config = "version: 1\nroutes:\n  r: {models: [openai/gpt-4o]}\n"
      let first = try f.write(config)
      #expect(await f.run(["apply", "-f", first, "--auto-approve"]).exitCode == 0)
      let next = try f.write(
        config.replacingOccurrences(of: "[openai/gpt-4o]", with: "[openai/gpt-4o-mini]"), to: "n.yaml")
      #expect(await f.run(["apply", "-f", next, "--auto-approve"]).exitCode == 0)
      let result = await f.run(["rollback", "route", "r", "--to", "1"])
      #expect(result.exitCode == 0, "\(result.all)")
      #expect(result.stdout.contains("rolled back route r to v1"))
    }
  }
}
