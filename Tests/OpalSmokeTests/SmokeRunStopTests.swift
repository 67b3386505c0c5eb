import OpalConfig
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Testing

@testable import OpalSmoke

/// What stops a smoke run (issue 12 §15, §17), over real sockets: the budget is kept by
/// reservation, so calls in flight cannot overshoot it together, and a refused key stops the run
/// at once.
@Suite struct SmokeRunStopTests {
  /// `count` aliases with the same one-model chain, each smoked once.
  static func state(_ count: Int) -> DesiredState {
    DesiredState(
      aliases: (0..<count).map { AliasSpec(name: "budget/a\($0)", models: ["openai/gpt-4o-mini"]) })
  }

  @Test func callsInFlightDoNotOvershootTheBudget() async throws {
    try await withEmulator { server, client in
      for i in 0..<20 {
        _ = try await client.createAlias(
          AliasCreate(name: "budget/a\(i)", fallbackModels: ["openai/gpt-4o-mini"]))
      }
      // One call's cost, measured through the same path.
      let one = await SmokeRunner(api: client, options: SmokeOptions()).run(Self.state(1))
      let cost = try #require(one.aliases.first?.cases.first?.costUSD)
      #expect(cost > 0)
      await server.resetRequestCounts()
      // Before: with 8 calls in flight, a cap of 3.5 calls' cost was overshot to 8 calls.
      let limit = cost * 3.5
      let report = await SmokeRunner(api: client, options: SmokeOptions(parallelism: 8, budgetUSD: limit))
        .run(Self.state(20))
      let budget = try #require(report.budget)
      #expect(budget.spentUSD <= limit + 1e-12, "spent \(budget.spentUSD) of \(limit)")
      #expect(budget.exhausted)
      let skipped = report.aliases.flatMap(\.cases).filter { $0.verdict == .skipped }.count
      #expect(budget.skipped == skipped)
      #expect(skipped == 20 - (await server.requestCounts()["POST /v2/call"] ?? 0))
      #expect(skipped >= 16)
      #expect(SmokeTextRenderer().render(report).contains("\(skipped) calls skipped"))
    }
  }

  @Test func aRefusedKeyStopsTheRunAtOnce() async throws {
    try await withEmulator(configure: { $0.apiKey = "sk-wrong-key-0123456789" }) { server, client in
      let report = await SmokeRunner(api: client, options: SmokeOptions(parallelism: 2)).run(Self.state(10))
      // At most the first wave was sent; every other case is skipped, not failed the same way.
      #expect((await server.requestCounts()["POST /v2/call"] ?? 0) <= 2)
      let cases = report.aliases.flatMap(\.cases)
      #expect(cases.filter { $0.verdict == .skipped }.count >= 8)
      #expect(cases.filter { $0.verdict == .skipped }.allSatisfy { $0.reasons.joined().contains("HTTP 401") })
      #expect(report.errors.contains { $0.contains("refused the key") })
    }
  }
}
