import OpalConfig
import OpalCore
import OpperAPI
import Testing

@testable import OpalReconcile

/// The online checks and the offline ones name a place in the config the same way, and the
/// planning entry point stops at an online error.
@Suite struct DiagnosticPipelineTests {
  static let catalog = [LanguageModel(hostingProvider: "openai", name: "openai/gpt-4o", location: "us")]

  @Test func anOnlineAndAnOfflineDiagnosticForTheSameHopCarryTheSameKeyPath() throws {
    // Offline: the second hop of "team.a" names an alias (aliases do not nest).
    let offline = ConfigLoader().load(
      text: """
        version: 1
        aliases:
          team.a: {models: [openai/gpt-4o, team.b]}
          team.b: {models: [openai/gpt-4o]}
        """, file: "offline.yaml")
    let offlinePath = try #require(offline.diagnostics.first?.keyPath)
    // Online: the second hop of "team.a" is not in the catalog.
    let online = DiagnosticList()
    let state = try #require(
      ConfigLoader().load(
        text: "version: 1\naliases:\n  team.a: {models: [openai/gpt-4o, nope/model]}\n", file: "online.yaml"
      ).state)
    OnlineValidator(remote: RemoteState(aliases: [], catalog: Self.catalog)).validate(state, into: online)
    let onlinePath = try #require(online.diagnostics.first?.keyPath)
    #expect(offlinePath == onlinePath)
    #expect(onlinePath.text == #"aliases["team.a"].models[1]"#)
  }

  @Test func planningReturnsNoPlanWhenTheCatalogCannotServeAChain() {
    let desired = Fixtures.state([Fixtures.spec("a", ["openai/gpt-4o", "nope/model"])])
    let diagnostics = DiagnosticList()
    let plan = Planning().plan(
      desired: desired, remote: RemoteState(aliases: [], catalog: Self.catalog), diagnostics: diagnostics)
    #expect(plan == nil)
    #expect(diagnostics.errorCount == 1)
    #expect(diagnostics.diagnostics.first?.keyPath == "aliases.a.models[1]")
  }

  @Test func planningPlansWhenEveryHopIsKnown() throws {
    let desired = Fixtures.state([Fixtures.spec("a", ["openai/gpt-4o"])])
    let diagnostics = DiagnosticList()
    let plan = try #require(
      Planning(options: PlanOptions(maxDelete: 1)).plan(
        desired: desired, remote: RemoteState(aliases: [], catalog: Self.catalog), diagnostics: diagnostics))
    #expect(plan.counts.create == 1)
    #expect(diagnostics.errorCount == 0)
  }
}
