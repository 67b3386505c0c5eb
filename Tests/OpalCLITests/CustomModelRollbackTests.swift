import Foundation
import OpalTestSupport
import OpperAPI
import Testing

/// Custom models in snapshots, `opal rollback SNAPSHOT` and `apply --verify` (SPEC §15), end to
/// end through the CLI over real sockets against the emulator.
@Suite struct CustomModelRollbackTests {
  static let config = CustomModelFlowTests.config
  static let pruned = CustomModelFlowTests.pruned

  /// `config` with the custom model pointed at another identifier and region.
  static let updated = config.replacingOccurrences(of: "models/llama-ft", with: "models/llama-v2")
    .replacingOccurrences(of: "{region: eu}", with: "{region: us}")

  static func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// The custom models of the remote as rows (id, name, identifier, extra).
  static func models(_ client: OpperClient) async throws -> [String] {
    try await client.listCustomModels().map { "\($0.id) \($0.name) \($0.identifier) \($0.extra)" }.sorted()
  }

  @Test func theSnapshotRecordsEachCustomModelChangeAndNeverItsKey() async throws {
    let canary = "canary-snapshot-0b4c7d"
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = canary
      let snap = f.directory.appendingPathComponent("create.json").path
      let created = await harness.run(
        ["apply", "-f", try f.write(Self.config), "--auto-approve", "-v", "--snapshot", snap])
      #expect(created.exitCode == 0, "\(created.all)")
      let first = try String(contentsOfFile: snap, encoding: .utf8)
      let entry = try #require((try Self.json(first)["custom_models"] as? [[String: Any]])?.first)
      #expect(entry["name"] as? String == "cm/llama-ft")
      #expect(entry["before"] is NSNull)
      let after = try #require(entry["after"] as? [String: Any])
      #expect(after["identifier"] as? String == "fireworks/accounts/acme/models/llama-ft")
      #expect((after["extra"] as? [String: Any])?["region"] as? String == "eu")

      let id = try #require(try await f.client.listCustomModels().first?.id)
      let snap2 = f.directory.appendingPathComponent("update.json").path
      let updated = await harness.run(
        [
          "apply", "-f", try f.write(Self.updated, to: "updated.yaml"), "--auto-approve", "-v",
          "--rotate-keys", "--snapshot", snap2,
        ])
      #expect(updated.exitCode == 0, "\(updated.all)")
      let second = try String(contentsOfFile: snap2, encoding: .utf8)
      let changed = try #require((try Self.json(second)["custom_models"] as? [[String: Any]])?.first)
      #expect(changed["id"] as? String == id)
      #expect(
        (changed["before"] as? [String: Any])?["identifier"] as? String
          == "fireworks/accounts/acme/models/llama-ft")
      #expect(
        (changed["after"] as? [String: Any])?["identifier"] as? String
          == "fireworks/accounts/acme/models/llama-v2")
      #expect(await f.server.customModelKeysReceived() == ["cm/llama-ft": canary])
      for text in [first, second, created.all, updated.all] { #expect(!text.contains(canary)) }
    }
  }

  @Test func rollbackPatchesAnUpdatedModelBackAndASecondRollbackPlansNothing() async throws {
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-update"
      #expect(await harness.run(["apply", "-f", try f.write(Self.config), "--auto-approve"]).exitCode == 0)
      let before = try await Self.models(f.client)
      let snap = f.directory.appendingPathComponent("s.json").path
      let apply = await harness.run(
        ["apply", "-f", try f.write(Self.updated, to: "u.yaml"), "--auto-approve", "--snapshot", snap])
      #expect(apply.exitCode == 0, "\(apply.all)")
      #expect(try await Self.models(f.client) != before)

      let plan = await harness.run(["rollback", snap, "--plan-only", "--format", "json"])
      #expect(plan.exitCode == 0, "\(plan.all)")
      let changes = try #require(
        (try Self.json(plan.stdout)["custom_models"] as? [String: Any])?["changes"] as? [[String: Any]])
      #expect(changes.map { $0["action"] as? String } == ["update"])
      let markdown = await harness.run(["rollback", snap, "--plan-only", "--format", "markdown"])
      #expect(markdown.stdout.contains("~ custom model cm/llama-ft"), "\(markdown.stdout)")

      await f.server.resetRequestCounts()
      let rollback = await harness.run(["rollback", snap, "--auto-approve", "--no-color"])
      #expect(rollback.exitCode == 0, "\(rollback.all)")
      #expect(rollback.stdout.contains("~ custom model cm/llama-ft"), "\(rollback.stdout)")
      #expect(
        rollback.stdout.contains("\"fireworks/accounts/acme/models/llama-v2\" → "), "\(rollback.stdout)")
      let writes = CustomModelFlowTests.writes(await f.server.requestLog())
      #expect(writes.count == 1 && writes.first?.hasPrefix("PATCH /v2/models/custom/") == true, "\(writes)")
      #expect(try await Self.models(f.client) == before)

      let again = await harness.run(["rollback", snap, "--auto-approve"])
      #expect(again.exitCode == 0, "\(again.all)")
      #expect(again.stderr.contains("nothing to roll back"), "\(again.all)")
    }
  }

  @Test func aModelTheApplyCreatedIsDeletedAfterTheAliasesThatNameIt() async throws {
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-created"
      let snap = f.directory.appendingPathComponent("s.json").path
      let apply = await harness.run(
        ["apply", "-f", try f.write(Self.config), "--auto-approve", "--snapshot", snap])
      #expect(apply.exitCode == 0, "\(apply.all)")
      await f.server.resetRequestCounts()
      let rollback = await harness.run(["rollback", snap, "--auto-approve"])
      #expect(rollback.exitCode == 0, "\(rollback.all)")
      let writes = CustomModelFlowTests.writes(await f.server.requestLog())
      #expect(writes.count == 2, "\(writes)")
      #expect(writes.first?.hasPrefix("DELETE /v2/models/aliases/") == true, "\(writes)")
      #expect(writes.last?.hasPrefix("DELETE /v2/models/custom/") == true, "\(writes)")
      #expect(try await f.client.listCustomModels().isEmpty)
      #expect(try await f.client.listAliases().isEmpty)
    }
  }

  @Test func aModelTheApplyDeletedIsCreatedAgainBeforeItsAliasesWithTheConfigsKey() async throws {
    let canary = "canary-recreate-93e1"
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-original"
      let original = try f.write(Self.config)
      #expect(await harness.run(["apply", "-f", original, "--auto-approve"]).exitCode == 0)
      let before = try await f.client.listCustomModels().map { "\($0.name) \($0.identifier) \($0.extra)" }
      let snap = f.directory.appendingPathComponent("s.json").path
      let pruned = await harness.run(
        ["apply", "-f", try f.write(Self.pruned, to: "p.yaml"), "--auto-approve", "--snapshot", snap])
      #expect(pruned.exitCode == 0, "\(pruned.all)")
      #expect(try await f.client.listCustomModels().isEmpty)

      harness.environment["OPPER_TEST_KEY"] = canary
      await f.server.resetRequestCounts()
      let rollback = await harness.run(["rollback", snap, "-f", original, "--auto-approve", "-v"])
      #expect(rollback.exitCode == 0, "\(rollback.all)")
      #expect(rollback.stdout.contains("key: will be sent (from environment variable OPPER_TEST_KEY)"))
      let writes = CustomModelFlowTests.writes(await f.server.requestLog())
      #expect(writes.first == "POST /v2/models/custom", "\(writes)")
      #expect(writes.contains("POST /v2/models/aliases"), "\(writes)")
      #expect(await f.server.customModelKeysReceived()["cm/llama-ft"] == canary)
      #expect(
        try await f.client.listCustomModels().map { "\($0.name) \($0.identifier) \($0.extra)" } == before)
      #expect(
        try await f.client.alias(named: "cm/chat")?.fallbackModels == ["cm/llama-ft", "openai/gpt-4o-mini"])
      #expect(!rollback.all.contains(canary))
    }
  }

  @Test func withoutTheConfigTheModelIsCreatedAgainKeylessWithAWarningSayingHowToSendIt() async throws {
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-keyless"
      #expect(await harness.run(["apply", "-f", try f.write(Self.config), "--auto-approve"]).exitCode == 0)
      let snap = f.directory.appendingPathComponent("s.json").path
      let pruned = await harness.run(
        ["apply", "-f", try f.write(Self.pruned, to: "p.yaml"), "--auto-approve", "--snapshot", snap])
      #expect(pruned.exitCode == 0, "\(pruned.all)")
      #expect(await f.server.customModelKeysReceived()["cm/llama-ft"] == nil)
      let rollback = await harness.run(["rollback", snap, "--auto-approve"])
      #expect(rollback.exitCode == 0, "\(rollback.all)")
      #expect(rollback.stderr.contains("warning: custom model cm/llama-ft is created again without its key"))
      #expect(rollback.stderr.contains("opal apply --rotate-keys cm/llama-ft"), "\(rollback.stderr)")
      #expect(try await f.client.listCustomModels().map(\.name) == ["cm/llama-ft"])
      #expect(await f.server.customModelKeysReceived()["cm/llama-ft"] == nil)
    }
  }

  @Test func aModelChangedSinceTheSnapshotIsRefusedWithoutForce() async throws {
    try await EmulatorFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-stale"
      #expect(await harness.run(["apply", "-f", try f.write(Self.config), "--auto-approve"]).exitCode == 0)
      let snap = f.directory.appendingPathComponent("s.json").path
      let apply = await harness.run(
        ["apply", "-f", try f.write(Self.updated, to: "u.yaml"), "--auto-approve", "--snapshot", snap])
      #expect(apply.exitCode == 0, "\(apply.all)")
      let model = try #require(try await f.client.listCustomModels().first)
      _ = try await f.client.updateCustomModel(id: model.id, CustomModelUpdate(identifier: "someone/else"))
      await f.server.resetRequestCounts()
      let refused = await harness.run(["rollback", snap, "--auto-approve"])
      #expect(refused.exitCode == 1, "\(refused.all)")
      #expect(refused.stderr.contains("custom model cm/llama-ft changed on the remote since the snapshot"))
      #expect(CustomModelFlowTests.writes(await f.server.requestLog()).isEmpty)
      let forced = await harness.run(["rollback", snap, "--auto-approve", "--force"])
      #expect(forced.exitCode == 0, "\(forced.all)")
      #expect(
        try await f.client.listCustomModels().first?.identifier == "fireworks/accounts/acme/models/llama-ft")
    }
  }

  @Test func customModelDeletesCountTowardMaxDelete() async throws {
    try await EmulatorFixture.with { f in
      for name in ["cm/a", "cm/b"] {
        _ = try await f.client.createCustomModel(CustomModelCreate(name: name, identifier: "x/\(name)"))
      }
      let path = try f.write(Self.pruned)
      let refused = await f.run(["apply", "-f", path, "--auto-approve", "--max-delete", "1"])
      #expect(refused.exitCode == 1, "\(refused.all)")
      #expect(refused.stderr.contains("0 aliases and 2 custom models (2 in all), more than --max-delete 1"))
      #expect(try await f.client.listCustomModels().count == 2)
      #expect(try await f.client.listAliases().isEmpty)
      let allowed = await f.run(["apply", "-f", path, "--auto-approve", "--max-delete", "2"])
      #expect(allowed.exitCode == 0, "\(allowed.all)")
      #expect(try await f.client.listCustomModels().isEmpty)
    }
  }

  @Test func anAliasNamingAModelWhoseCreateFailedIsSkippedNotSent() async throws {
    let faults = #"{"endpoints": {"POST /models/custom": {"status": 400, "message": "identifier unknown"}}}"#
    try await EmulatorFixture.with(faults: faults) { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-skip"
      let r = await harness.run([
        "apply", "-f", try f.write(Self.config), "--auto-approve", "--format", "json",
      ])
      #expect(r.exitCode == 1, "\(r.all)")
      let results = try #require(try Self.json(r.stdout)["results"] as? [[String: Any]])
      let outcome = try #require(results.first?["outcome"] as? [String: Any])
      #expect(outcome["status"] as? String == "skipped", "\(r.stdout)")
      #expect(
        (outcome["message"] as? String)?.contains("custom model cm/llama-ft, whose create failed") == true)
      #expect(await f.server.requestLog().allSatisfy { !$0.hasPrefix("POST /v2/models/aliases") })
    }
  }

  @Test func aFailedVerifyRollsBackTheCustomModelItCreatedAfterTheAlias() async throws {
    let faults = """
      models:
        cm/llama-ft: {status: 503}
        openai/gpt-4o-mini: {status: 503}
      """
    try await EmulatorFixture.with(faults: faults) { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-verify"
      let apply = await harness.run(
        [
          "apply", "-f", try f.write(Self.config), "--auto-approve", "--verify", "--no-color",
          "--snapshot", f.directory.appendingPathComponent("s.json").path,
        ])
      #expect(apply.exitCode == 1, "\(apply.all)")
      #expect(apply.stdout.contains("rolled back      + cm/chat  (its check failed:"), "\(apply.stdout)")
      #expect(apply.stdout.contains("rolled back      + custom model cm/llama-ft"), "\(apply.stdout)")
      #expect(apply.stdout.contains("The organization is as it was before the apply."), "\(apply.stdout)")
      let writes = CustomModelFlowTests.writes(await f.server.requestLog())
      #expect(writes.last?.hasPrefix("DELETE /v2/models/custom/") == true, "\(writes)")
      #expect(try await f.client.listCustomModels().isEmpty)
      #expect(try await f.client.listAliases().isEmpty)
    }
  }
}

extension CustomModelRollbackTests {
  @Test func aRouteNamingAModelWhoseCreateFailedIsSkippedNotSent() async throws {
    let faults = #"{"endpoints": {"POST /models/custom": {"status": 400, "message": "identifier unknown"}}}"#
    try await RouteFixture.with(faults: faults) { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-skip-route"
      let config = """
        version: 1
        custom_models:
          cm/llama-ft: {identifier: fireworks/accounts/acme/models/llama-ft, api_key: {env: OPPER_TEST_KEY}}
        routes:
          tuned: {models: [cm/llama-ft, openai/gpt-4o-mini]}
          plain: {models: [openai/gpt-4o]}

        """
      let r = await harness.run(["apply", "-f", try f.write(config), "--auto-approve", "--format", "json"])
      #expect(r.exitCode == 1, "a skipped route is not as declared: \(r.all)")
      let routes = try #require(try Self.json(r.stdout)["routes"] as? [[String: Any]])
      let tuned = try #require(routes.first { $0["name"] as? String == "tuned" })
      #expect(tuned["outcome"] as? String == "skipped", "\(r.stdout)")
      #expect(
        (tuned["message"] as? String)?.hasPrefix(
          "its chain names custom model cm/llama-ft, whose create failed") == true, "\(tuned)")
      #expect(routes.first { $0["name"] as? String == "plain" }?["outcome"] as? String == "deployed")
      let text = await harness.run(["apply", "-f", try f.write(config), "--auto-approve", "--no-color"])
      #expect(
        text.stdout.contains("skipped  + route tuned  skipped  (its chain names custom model cm/llama-ft"),
        "\(text.stdout)")
      #expect(try await f.routes.listRoutes().map(\.name) == ["plain"], "the skipped route was never sent")
    }
  }
}
