import OpalConfig
import OpalTestSupport
import OpperAPI
import Testing

@testable import OpalReconcile

@Suite struct RendererGoldenTests {
  var showcase: Plan {
    let (desired, remote) = Fixtures.showcase
    return Planner().plan(desired: desired, remote: remote, options: PlanOptions())
  }

  var refused: Plan {
    let remote = (0..<6).map { Fixtures.alias("r\($0)", "svc/a\($0)", ["openai/gpt-4o"]) }
    let desired = Fixtures.state(
      [Fixtures.spec("svc/a0", ["openai/gpt-4o"])], prune: true, include: ["svc/*"])
    return Planner().plan(desired: desired, remote: remote, options: PlanOptions())
  }

  var empty: Plan {
    let (desired, remote) = Fixtures.showcase
    var fake = remote.filter { $0.name == "team-a/same" }
    fake.append(Fixtures.alias("z", "x", ["m"]))
    var d = desired
    d.aliases = d.aliases.filter { $0.name == "team-a/same" }
    d.prune = false
    return Planner().plan(desired: d, remote: fake)
  }

  @Test func text() {
    GoldenFile.check(TextPlanRenderer().render(showcase), "plan.txt", in: .module)
    GoldenFile.check(TextPlanRenderer(useColor: true).render(showcase), "plan.color.txt", in: .module)
    GoldenFile.check(TextPlanRenderer().render(refused), "plan-refused.txt", in: .module)
    GoldenFile.check(TextPlanRenderer().render(empty), "plan-empty.txt", in: .module)
  }

  @Test func noColourWithoutAsking() {
    #expect(!TextPlanRenderer().render(showcase).contains("\u{1B}["))
    #expect(TextPlanRenderer(useColor: true).render(showcase).contains("\u{1B}[32m"))
  }

  @Test func json() {
    GoldenFile.check(JSONPlanRenderer().render(showcase), "plan.json", in: .module)
    GoldenFile.check(JSONPlanRenderer().render(empty), "plan-empty.json", in: .module)
  }

  @Test func markdown() {
    GoldenFile.check(MarkdownPlanRenderer().render(showcase), "plan.md", in: .module)
    GoldenFile.check(MarkdownPlanRenderer().render(refused), "plan-refused.md", in: .module)
    GoldenFile.check(MarkdownPlanRenderer().render(empty), "plan-empty.md", in: .module)
    GoldenFile.check(
      MarkdownPlanRenderer(maxCharacters: 900).render(showcase), "plan-summarised.md", in: .module)
  }

  @Test func markdownStaysUnderTheCapAndSaysHowManyMore() {
    let specs = (0..<3000).map {
      Fixtures.spec(
        "team/alias-\($0)", ["openai/gpt-4o", "anthropic/claude-sonnet-4"], description: "Alias \($0)")
    }
    let plan = Planner().plan(desired: Fixtures.state(specs), remote: [])
    let text = MarkdownPlanRenderer().render(plan)
    #expect(text.count < 65_000)
    #expect(text.contains(" more changes not shown here"))
    #expect(text.hasPrefix("### opal plan: 3000 to create"))
  }

  @Test func markdownCannotBeBrokenByANameWithBackticks() {
    let plan = Planner().plan(desired: Fixtures.state([Fixtures.spec("a```b", ["x```y"])]), remote: [])
    let md = MarkdownPlanRenderer().render(plan)
    #expect(md.contains("````diff\n") && md.contains("\n````\n"))
    #expect(md.contains("#### + ````a```b```` (create)"))
  }

  @Test func controlCharactersInRemoteNamesAreEscaped() {
    let desired = Fixtures.state([], prune: true, include: ["*"])
    let plan = Planner().plan(
      desired: desired, remote: [Fixtures.alias("1", "evil\u{1B}[2Jname", ["m"])],
      options: PlanOptions(allowEmpty: true))
    #expect(!TextPlanRenderer().render(plan).contains("\u{1B}"))
    #expect(!MarkdownPlanRenderer().render(plan).contains("\u{1B}"))
  }

  @Test func applyReport() {
    let plan = showcase
    var results: [ApplyReport.Result] = []
    let outcomes: [ChangeOutcome] = [
      .succeeded(detail: nil),
      .failed(
        message: "PATCH /models/aliases/a1: HTTP 500: boom", hint: "run `opal apply` again: it converges"),
      .succeeded(detail: "already existed, identical"), .notStarted,
    ]
    for (i, change) in plan.changes.enumerated() {
      results.append(
        ApplyReport.Result(change: change, outcome: outcomes[i % outcomes.count], durationMs: 12))
    }
    let report = ApplyReport(
      results: results, interrupted: true, fingerprint: plan.fingerprint.combined, durationMs: 1500)
    GoldenFile.check(
      ApplyReportRenderer(showDurations: false).renderText(report), "apply-report.txt", in: .module)
    GoldenFile.check(ApplyReportRenderer().renderJSON(report), "apply-report.json", in: .module)
  }
}
