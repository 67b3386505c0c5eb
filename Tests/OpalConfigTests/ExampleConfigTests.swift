import Foundation
import OpalCore
import Testing

@testable import OpalConfig

@Test func theExampleConfigLoads() throws {
  let path = TestPaths.repository.appendingPathComponent("examples/opal.yaml").path
  let result = ConfigLoader().load(paths: [path])
  #expect(result.diagnostics == [])
  let state = try #require(result.state)
  #expect(state.aliases.count == 13)
  let custom = try #require(state.customModel(named: "team-a/llama-support-ft"))
  #expect(custom.apiKey == .env("TEAM_A_FIREWORKS_KEY"))
  #expect(state.alias(named: "team-a/support-ft")?.models.first == custom.name)
  let sonnet = try #require(state.alias(named: "sonnet4"))
  #expect(sonnet.models == ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4", "gcp/claude-sonnet-4"])
  #expect(sonnet.renamedFrom == ["claude-sonnet"])
  #expect(state.prune)
  #expect(state.isProtected("team-a/prod-chat"))
  #expect(state.owns("team-a/anything") && !state.owns("team-a/scratch-1") && !state.owns("other"))
  let haiku = try #require(state.alias(named: "haiku")?.smoke.first)
  #expect(haiku.name == "echo")
  #expect(haiku.expect.contains == ["Opper", "model"])
  #expect(haiku.expect.servedBy == .any)
}

@Test func theExampleFolderLoadsInNameOrder() throws {
  let path = TestPaths.repository.appendingPathComponent("examples/folder").path
  let result = ConfigLoader().load(paths: [path])
  #expect(result.diagnostics == [])
  let state = try #require(result.state)
  #expect(
    state.files.map { ($0 as NSString).lastPathComponent }
      == ["00-settings.yaml", "10-support.yaml", "20-search.yml"])
  #expect(
    state.aliases.map(\.name)
      == ["support/prod-agent", "support/triage", "search/rerank", "search/answer"])
  #expect(state.smokeDefaults?.expect.servedBy == .any)
}
