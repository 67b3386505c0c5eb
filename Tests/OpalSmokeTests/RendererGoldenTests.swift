import Foundation
import FoundationXML
import OpalCore
import OpalTestSupport
import Testing

@testable import OpalSmoke

/// The three renderers against golden files in `Golden/`; `OPAL_RECORD=1` rewrites them.
struct RendererGoldenTests {
  /// A report with every shape: a fallback that served, a failed expectation, a dead hop,
  /// a run error, a budget skip and text that needs XML escaping.
  static let report: SmokeReport = {
    let sonnet = SmokeAliasResult(
      alias: "sonnet4", chain: SmokeFixtures.chain,
      cases: [
        SmokeCaseResult(
          name: "summarize", callName: "opal-smoke/sonnet4/summarize", calledModels: ["sonnet4"],
          servedBy: "anthropic/claude-sonnet-4", fallback: true,
          attempts: [
            SmokeAttempt(model: "aws/claude-sonnet-4-eu", error: "model unavailable", status: 503),
            SmokeAttempt(model: "anthropic/claude-sonnet-4", parseRetries: 1),
          ],
          latencyMs: 412, costUSD: 0.00042, verdict: .pass, spanId: "span-1", traceId: "trace-1"),
        SmokeCaseResult(
          name: "strict <first> & \"quoted\"", callName: "opal-smoke/sonnet4/strict",
          calledModels: ["sonnet4"],
          servedBy: "anthropic/claude-sonnet-4", fallback: true,
          attempts: [
            SmokeAttempt(model: "aws/claude-sonnet-4-eu", error: "model unavailable", status: 503),
            SmokeAttempt(model: "anthropic/claude-sonnet-4"),
          ],
          latencyMs: 380, costUSD: 0.0004, verdict: .fail,
          reasons: [
            "served by anthropic/claude-sonnet-4, expected the first model aws/claude-sonnet-4-eu "
              + "(it failed: HTTP 503 model unavailable)",
            "answer does not contain \"<b>\u{1}\"",
          ]),
      ],
      hops: [
        SmokeHopResult(
          position: 0, model: "aws/claude-sonnet-4-eu", verdict: .fail,
          reason: "first model aws/claude-sonnet-4-eu does not answer: HTTP 503 x", latencyMs: 12),
        SmokeHopResult(
          position: 1, model: "anthropic/claude-sonnet-4", verdict: .pass, latencyMs: 201, costUSD: 0.0002),
        SmokeHopResult(
          position: 2, model: "gcp/claude-sonnet-4", verdict: .skipped,
          reason: "skipped (budget): the --budget-usd cap was reached before this call"),
      ])
    let mini = SmokeAliasResult(
      alias: "team-a/mini", chain: ["openai/gpt-4o-mini"],
      cases: [
        SmokeCaseResult(
          name: "default", callName: "opal-smoke/team-a/mini/default", calledModels: ["team-a/mini"],
          latencyMs: 3, verdict: .error, reasons: ["could not reach the API: connection failed: refused"])
      ])
    return SmokeReport(
      aliases: [sonnet, mini], errors: ["could not reach the API: connection failed: refused"],
      budget: SmokeReport.Budget(limitUSD: 0.001, spentUSD: 0.00102, exhausted: true, skipped: 1),
      durationMs: 1234)
  }()

  @Test func text() throws {
    GoldenFile.check(SmokeTextRenderer().render(Self.report), "report.txt", in: .module)
  }

  @Test func textWithColour() throws {
    GoldenFile.check(SmokeTextRenderer(color: true).render(Self.report), "report-color.txt", in: .module)
  }

  @Test func json() throws {
    let text = SmokeJSONRenderer().render(Self.report)
    GoldenFile.check(text, "report.json", in: .module)
    let back = try JSONDecoder().decode(SmokeReport.self, from: Data(text.utf8))
    #expect(back == Self.report)
  }

  @Test func theJSONReportMatchesItsPublishedSchema() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let schemaText = try String(
      contentsOf: root.appendingPathComponent("schemas/smoke-report.schema.json"), encoding: .utf8)
    let schema = try JSONDecoder().decode(JSONValue.self, from: Data(schemaText.utf8))
    for report in [Self.report, SmokeReport(aliases: [], errors: ["x"])] {
      let rendered = try JSONDecoder().decode(
        JSONValue.self, from: Data(SmokeJSONRenderer().render(report).utf8))
      #expect(JSONSchemaValidator(schema: schema).validate(rendered) == [])
    }
    var broken = try JSONDecoder().decode(
      JSONValue.self, from: Data(SmokeJSONRenderer().render(Self.report).utf8))
    if case .object(var o) = broken {
      o["unexpected"] = .bool(true)
      broken = .object(o)
    }
    #expect(JSONSchemaValidator(schema: schema).validate(broken).map(\.path) == ["/unexpected"])
  }

  @Test func markdown() throws {
    GoldenFile.check(SmokeMarkdownRenderer().render(Self.report), "report.md", in: .module)
  }

  /// Every table row has exactly the table's 8 cell borders, whatever the names and answers hold.
  @Test func markdownCellsCannotBreakTheTable() throws {
    let hostile = SmokeAliasResult(
      alias: "a|b`c", chain: ["m|x"],
      cases: [
        SmokeCaseResult(
          name: "<script>|**x**", callName: "c", calledModels: ["a|b`c"], servedBy: "m|x`y", fallback: false,
          attempts: [], verdict: .fail, reasons: ["answer | has `pipes` and\nnew lines <b>"])
      ])
    let text = SmokeMarkdownRenderer().render(SmokeReport(aliases: [hostile]))
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
    #expect(rows.count == 2)  // the header and the one case
    for row in rows {
      var borders = 0
      var previous: Character = " "
      for c in row {
        if c == "|" && previous != "\\" { borders += 1 }
        previous = c
      }
      #expect(borders == 8, "\(row)")
    }
    #expect(!text.contains("<script>"))
    #expect(!text.contains("\nnew lines"))
  }

  /// A huge run keeps the failures and says how many passing rows it cut.
  @Test func markdownKeepsFailuresWhenItMustCut() throws {
    let passing = (0..<3_000).map { i in
      SmokeAliasResult(
        alias: "alias-\(i)", chain: ["m"],
        cases: [
          SmokeCaseResult(
            name: "default", callName: "c", calledModels: ["alias-\(i)"], servedBy: "m", fallback: false,
            attempts: [SmokeAttempt(model: "m")], latencyMs: 5, verdict: .pass)
        ])
    }
    let broken = SmokeAliasResult(
      alias: "broken", chain: ["m"],
      cases: [
        SmokeCaseResult(
          name: "default", callName: "c", calledModels: ["broken"], fallback: false, attempts: [],
          verdict: .error, reasons: ["HTTP 503"])
      ])
    let text = SmokeMarkdownRenderer().render(SmokeReport(aliases: passing + [broken]))
    #expect(text.count <= 65_000)
    #expect(text.contains("| `broken` | default |"))
    #expect(text.contains("more rows not shown here"))
    #expect(text.hasPrefix("### opal smoke: FAIL"))
  }

  @Test func junit() throws {
    GoldenFile.check(SmokeJUnitRenderer().render(Self.report), "report.junit.xml", in: .module)
  }

  @Test func junitIsWellFormedAndComplete() throws {
    let xml = SmokeJUnitRenderer().render(Self.report)
    let doc = try XMLDocument(data: Data(xml.utf8), options: [])
    let root = try #require(doc.rootElement())
    #expect(root.name == "testsuites")
    #expect(root.attribute(forName: "tests")?.stringValue == "6")
    #expect(root.attribute(forName: "failures")?.stringValue == "2")
    #expect(root.attribute(forName: "errors")?.stringValue == "1")
    #expect(root.attribute(forName: "skipped")?.stringValue == "1")
    let suites = root.elements(forName: "testsuite")
    #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["sonnet4", "team-a/mini"])
    let cases = suites[0].elements(forName: "testcase")
    #expect(cases.count == 5)
    #expect(cases[1].attribute(forName: "name")?.stringValue == "strict <first> & \"quoted\"")
    let failure = try #require(cases[1].elements(forName: "failure").first)
    #expect(
      failure.attribute(forName: "message")?.stringValue?.hasPrefix("served by anthropic/claude-sonnet-4")
        == true)
    #expect(failure.stringValue?.contains("\"<b>\u{FFFD}\"") == true)
    #expect(cases[2].attribute(forName: "name")?.stringValue == "hop 1: aws/claude-sonnet-4-eu")
    #expect(
      cases[2].elements(forName: "failure").first?.attribute(forName: "message")?.stringValue?
        .hasPrefix("first model aws/claude-sonnet-4-eu does not answer") == true)
    #expect(cases[4].elements(forName: "skipped").count == 1)
    #expect(suites[1].elements(forName: "testcase").first?.elements(forName: "error").count == 1)
  }

  @Test func aRunWithNoAliasStillFailsInJUnit() throws {
    let report = SmokeReport(aliases: [], errors: ["no declared alias matches --alias x*"])
    let doc = try XMLDocument(data: Data(SmokeJUnitRenderer().render(report).utf8), options: [])
    #expect(
      doc.rootElement()?.elements(forName: "testsuite").first?.attribute(forName: "errors")?.stringValue
        == "1")
  }

  @Test func theFallbackIsShownWithWhatFailedFirst() {
    let text = SmokeTextRenderer().render(Self.report)
    #expect(text.contains("anthropic/claude-sonnet-4 (fallback: aws/claude-sonnet-4-eu 503)"))
    #expect(text.contains("2 (+1 parse)"))
    #expect(!text.contains("\u{1B}["))
    #expect(
      !text.unicodeScalars.contains("\u{1}"), "control characters from answers never reach the terminal")
    #expect(text.contains(#"answer does not contain "<b>\#u{FFFD}""#))
  }
}
