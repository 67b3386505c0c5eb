import Foundation
import OpalCore
import OpperAPI
import Testing

@testable import OpperEmulator

@Suite struct PersistenceTests {
  @Test func stateSurvivesARestart() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-state-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = EmulatorConfiguration(
      apiKey: EmulatorHarness.key, statePath: dir.appendingPathComponent("state.json").path)

    let created = try await EmulatorHarness.with(config) { h in
      let custom = try await h.send(
        .post, "/v2/models/custom", json: ["name": "mine", "identifier": "x/y", "api_key": "very-secret"])
      #expect(custom.status == 200)
      var aliases: [Alias] = []
      for name in ["one", "team/two", "three"] { aliases.append(try await h.createAlias(name, ["mine"])) }
      #expect(try await h.send(.delete, "/v2/models/aliases/\(aliases[2].id)").status == 204)
      return Array(aliases.prefix(2))
    }
    let text = try String(contentsOfFile: config.statePath ?? "", encoding: .utf8)
    #expect(!text.contains("very-secret"))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(leftovers == ["state.json"])

    try await EmulatorHarness.with(config) { h in
      let page = try await h.send(.get, "/v2/models/aliases").decode(Page<Alias>.self)
      #expect(page.data == created)
      #expect(try await h.send(.get, "/v2/models/aliases/by-name/team%2Ftwo").status == 200)
      #expect(try await h.send(.get, "/v2/models/custom/by-name/mine").status == 200)
    }
  }

  @Test func catalogFilesLoadFromJSONAndYAML() throws {
    let dir = FileManager.default.temporaryDirectory
    let json = dir.appendingPathComponent("catalog-\(UUID()).json").path
    let yaml = dir.appendingPathComponent("catalog-\(UUID()).yaml").path
    defer {
      try? FileManager.default.removeItem(atPath: json)
      try? FileManager.default.removeItem(atPath: yaml)
    }
    try #"[{"hosting_provider":"p","name":"p/m","location":"eu","input_cost_per_token":1e-6}]"#
      .write(toFile: json, atomically: true, encoding: .utf8)
    try "- {hosting_provider: q, name: q/n, location: us}\n".write(
      toFile: yaml, atomically: true, encoding: .utf8)
    #expect(try EmulatorConfiguration.loadCatalog(path: json).map(\.name) == ["p/m"])
    #expect(try EmulatorConfiguration.loadCatalog(path: yaml).map(\.name) == ["q/n"])
    #expect(DefaultCatalog.models.count >= 30)
    for name in [
      "openai/gpt-4o", "aws/claude-sonnet-4-eu", "gcp/claude-sonnet-4", "groq/deepseek-r1-distill-llama-70b",
    ] {
      #expect(DefaultCatalog.models.contains { $0.name == name })
    }
  }
}
