import Foundation
import OpalCore
import OpalSmoke
import Testing

/// The JSON documents opal writes for tools match the schemas it publishes in schemas/: the plan
/// (`plan --format json`, `plan -o`) and the snapshot (`apply --snapshot`), made by the real
/// binary on a live emulator with aliases, a route and a custom model in every kind of change.
@Suite struct PublishedSchemaTests {
  static let first = """
    version: 1
    scope: {include: ["cm/*", "r*"]}
    prune: true
    aliases:
      cm/chat: {models: [cm/llama-ft, openai/gpt-4o-mini]}
      cm/old: {models: [openai/gpt-4o]}
    custom_models:
      cm/llama-ft:
        identifier: fireworks/accounts/acme/models/llama-ft
        extra: {region: eu}
        api_key: {env: OPPER_TEST_KEY}
    routes:
      r1: {models: [openai/gpt-4o]}

    """

  /// Every change kind against `first`: an update, a rename, a delete, a create, a custom-model
  /// update and a route update.
  static let second = """
    version: 1
    scope: {include: ["cm/*", "r*"]}
    prune: true
    aliases:
      cm/chat: {models: [openai/gpt-4o-mini], description: now one model}
      cm/new: {models: [openai/gpt-4o], renamed_from: cm/old}
      cm/added: {models: [anthropic/claude-sonnet-4]}
    custom_models:
      cm/llama-ft:
        identifier: fireworks/accounts/acme/models/llama-ft
        extra: {region: us}
        api_key: {env: OPPER_TEST_KEY}
    routes:
      r1: {models: [openai/gpt-4o-mini, openai/gpt-4o]}

    """

  static func schema(_ name: String) throws -> JSONValue {
    let url = CLIHarness.repositoryRoot.appendingPathComponent("schemas/\(name)")
    return try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
  }

  static func document(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
  }

  @Test func plansAndSnapshotsMatchTheirSchemas() async throws {
    let planSchema = JSONSchemaValidator(schema: try Self.schema("plan.schema.json"))
    let snapshotSchema = JSONSchemaValidator(schema: try Self.schema("snapshot.schema.json"))
    try await RouteFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_TEST_KEY"] = "canary-schema-41d"
      for (index, config) in [Self.first, Self.second].enumerated() {
        let path = try f.write(config)
        let plan = await harness.run(["plan", "-f", path, "--format", "json"])
        #expect(plan.exitCode == 0, "\(plan.all)")
        #expect(planSchema.validate(try Self.document(plan.stdout)) == [], "\(plan.stdout)")
        let snapshot = f.directory.appendingPathComponent("snapshot-\(index).json").path
        let applied = await harness.run(["apply", "-f", path, "--auto-approve", "--snapshot", snapshot])
        #expect(applied.exitCode == 0, "\(applied.all)")
        let written = try String(contentsOfFile: snapshot, encoding: .utf8)
        #expect(snapshotSchema.validate(try Self.document(written)) == [], "\(written)")
        if index == 1 {
          // The second snapshot holds every kind of entry the schema describes.
          for member in ["\"renamed_to\"", "\"custom_models\"", "\"active_graph\"", "\"before\" : null"] {
            #expect(written.contains(member), "\(member) in \(written)")
          }
        }
      }
    }
  }

  @Test func theSnapshotSchemaRefusesAKeyOrAnUnknownMember() throws {
    let snapshotSchema = JSONSchemaValidator(schema: try Self.schema("snapshot.schema.json"))
    let model = #"{"name": "m", "id": "1", "before": null, "after": {"identifier": "x", "extra": {}}"#
    let base =
      #"{"format_version": 1, "kind": "opal-snapshot", "opal_version": "0.1.0", "#
      + #""created_at": "2026-12-02T00:00:00Z", "host": "api.opper.ai", "plan_fingerprint": "", "#
      + #""protect": [], "aliases": [], "routes": [], "custom_models": [MODEL]}"#
    #expect(
      snapshotSchema.validate(try Self.document(base.replacingOccurrences(of: "MODEL", with: model + "}")))
        == [])
    let withKey = base.replacingOccurrences(of: "MODEL", with: model + #", "api_key": "sk-1"}"#)
    #expect(snapshotSchema.validate(try Self.document(withKey)).map(\.path) == ["/custom_models/0/api_key"])
    let withURL = base.replacingOccurrences(of: "api.opper.ai", with: "https://user:pw@api.opper.ai/v2")
      .replacingOccurrences(of: "MODEL", with: model + "}")
    #expect(snapshotSchema.validate(try Self.document(withURL)).map(\.path) == ["/host"])
  }
}
