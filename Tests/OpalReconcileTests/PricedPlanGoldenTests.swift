import Foundation
import OpalTestSupport
import OpperEmulator
import Testing

@testable import OpalReconcile

/// The showcase plan with the emulator's catalog prices: every hop priced, and for updates the
/// primary's and the worst case's move, in text, Markdown and JSON.
@Suite struct PricedPlanGoldenTests {
  var priced: Plan {
    let (desired, remote) = Fixtures.showcase
    let catalog = ModelCatalog(DefaultCatalog.rows(now: Date(timeIntervalSince1970: 1_800_000_000)))
    return Planner().plan(desired: desired, remote: remote, options: PlanOptions()).addingPrices(
      from: catalog)
  }

  @Test func everyRendererShowsThePrices() {
    GoldenFile.check(TextPlanRenderer().render(priced), "plan-priced.txt", in: .module)
    GoldenFile.check(MarkdownPlanRenderer().render(priced), "plan-priced.md", in: .module)
    GoldenFile.check(JSONPlanRenderer().render(priced), "plan-priced.json", in: .module)
  }

  @Test func aPricedPlanFileReadsBackWithItsPrices() throws {
    let plan = priced
    let loaded = try PlanFile.decode(PlanFile.encode(plan))
    #expect(loaded.changes.map(\.pricing) == plan.changes.map(\.pricing))
    #expect(plan.changes.contains { $0.pricing?.after.contains { $0.input != nil } == true })
  }
}
