import Foundation
import OpalConfig
import OpalCore
import OpperAPI
import OpperEmulator
import Testing

@testable import OpalReconcile

/// The plan document is written by `PlanDocumentWriter` in one pass; it must be byte for byte
/// what `JSONEncoder` makes of `Plan.encode(to:)` (`PrettyJSON.data`), which stays the reference,
/// for every kind of change, every optional part and strings that need escaping.
@Suite struct PlanDocumentWriterTests {
  /// Strings that take every escaping path: quotes, backslash, slash, controls (named and
  /// `\u00XX`), DEL and a C1 control, bidi and zero-width characters, other non-ASCII.
  static let awkward = [
    "plain", "with \"quotes\"", "back\\slash", "a/b", "line\nbreak\ttab\r", "bell\u{07}nul\u{00}",
    "del\u{7F}", "nel\u{85}", "rtl\u{202E}x", "zw\u{200B}j", "é → ü", "emoji 🙂", "",
  ]

  static func reference(_ plan: Plan) -> [UInt8] {
    Array(PrettyJSON.data(plan)) + [0x0A]
  }

  static func check(_ plan: Plan, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let written = PlanDocumentWriter.bytes(plan)
    let expected = reference(plan)
    #expect(
      written == expected,
      "\(String(decoding: written, as: UTF8.self))\n--- expected ---\n\(String(decoding: expected, as: UTF8.self))",
      sourceLocation: sourceLocation)
  }

  @Test func theShowcasePlansMatchTheEncoder() {
    let (desired, remote) = Fixtures.showcase
    let plan = Planner().plan(desired: desired, remote: remote)
    Self.check(plan)
    let catalog = ModelCatalog(DefaultCatalog.rows(now: Date(timeIntervalSince1970: 1_800_000_000)))
    let priced = plan.addingPrices(from: catalog)
    #expect(priced.changes.contains { $0.pricing != nil })
    Self.check(priced)
    var noDesired = plan
    noDesired.desired = nil
    Self.check(noDesired)
  }

  @Test func aRefusedPlanWithEveryOptionalPartMatchesTheEncoder() throws {
    let remote = (0..<6).map { Fixtures.alias("r\($0)", "svc/a\($0)", ["openai/gpt-4o"]) }
    let desired = Fixtures.state(
      [Fixtures.spec("svc/a0", ["openai/gpt-4o"])], prune: true, include: ["svc/*"], exclude: ["svc/x*"],
      protect: ["svc/a5"])
    var plan = Planner().plan(
      desired: desired, remote: remote, options: PlanOptions(maxDelete: 1, targets: ["svc/*"]))
    #expect(plan.refusal != nil)
    plan.baseRevision = "origin/main"
    plan.configPaths = ["a.yaml", "b/c.yaml"]
    plan.undeclaredInScope = ["svc/u"]
    plan.changes[0].isDrift = true
    Self.check(plan)
  }

  @Test(arguments: awkward)
  func awkwardStringsMatchTheEncoder(text: String) {
    let desired = Fixtures.state(
      [
        Fixtures.spec("n/\(text)", ["m/\(text)", "plain/model"], description: text, renamedFrom: [text]),
        Fixtures.spec("same", ["a/b"], description: text),
      ], prune: true, include: ["n/*", "same", text], protect: [text])
    let remote = [
      Fixtures.alias("id-\(text)", text, ["x/\(text)"], description: text),
      Fixtures.alias("s", "same", ["a/b"], description: "other \(text)"),
    ]
    var plan = Planner().plan(desired: desired, remote: remote)
    plan.notes.append(text)
    plan.configPaths = [text]
    Self.check(plan)
  }

  /// The plan of `desired` against no aliases and one live route `r` whose active graph is `live`.
  static func planAgainstRouteR(_ desired: DesiredState, live: JSONValue) -> Plan {
    var plan = Planner().plan(desired: desired, remote: [Alias]())
    plan.attach(
      routes: RoutePlanner().plan(
        desired: desired,
        remote: [
          RemoteRoute(
            name: "r", uuid: "u-1", draftRevision: 1, activeVersionNumber: 1, draftDirty: false,
            activeGraph: live)
        ]))
    return plan
  }

  @Test func thePlanHalvesOfRoutesAndCustomModelsMatchTheEncoder() {
    var desired = CustomModelPlannerTests.desired
    desired.routes = [RouteSpec(name: "r", body: .chain(["b/2", "a/1"]))]
    var plan = Self.planAgainstRouteR(desired, live: RouteChain.graph(["a/1", "b/2"]))
    plan.attach(
      customModels: CustomModelPlanner().plan(desired: desired, remote: CustomModelPlannerTests.remote))
    #expect(plan.routes != nil && plan.customModels != nil && plan.desired?.customModels != nil)
    #expect(plan.desired?.routes.isEmpty == false)
    Self.check(plan)
  }

  /// A free-form graph of every kind: keys that sort by `String` order and need escaping,
  /// awkward strings, whole and fractional numbers, empty containers, deep nesting.
  static let awkwardGraph: JSONValue = .object(
    Dictionary(
      uniqueKeysWithValues: awkward.enumerated().map { index, text in
        (text, JSONValue.array([.string(text), .integer(index), .number(Double(index) + 0.25)]))
      } + [
        ("B", .object([:])), ("a10", .array([])), ("a2", .null), ("_x", .bool(true)), ("é", .number(1e-7)),
        (
          "deep",
          .object(["a": .object(["b": .array([.object(["c": .array([.integer(-1), .number(1e21)])])])])])
        ),
      ]))

  struct Mixed: Encodable {
    var graph: JSONValue
    var absent: String? = nil
    var present: String? = "x"
    var small: Int8 = -3
    var ratios: [String: Double] = ["b": 0.1, "a": 2.5]
    var when = Date(timeIntervalSince1970: 1_800_000_000.5)
    var single: Float = 0.1
    var nested: [[Int]] = [[], [1, 2]]
  }

  /// `encoded(_:)` writes a tree as `PrettyJSON` would, and falls back to it for what a tree
  /// cannot hold (`Date`, `Float`), at any depth of the document.
  @Test func aTreeIsWrittenAsTheEncoderWritesIt() throws {
    for value in [Self.awkwardGraph, .array([Self.awkwardGraph, .object([:])]), .string("a/b"), .integer(3)] {
      var w = PrettyJSONWriter()
      w.beginObject()
      w.key("graph")
      w.encoded(value)
      w.endObject()
      #expect(String(decoding: w.bytes, as: UTF8.self) == PrettyJSON.string(["graph": value]))
    }
    var w = PrettyJSONWriter()
    w.beginArray()
    w.element()
    w.encoded(Mixed(graph: Self.awkwardGraph))
    w.endArray()
    #expect(String(decoding: w.bytes, as: UTF8.self) == PrettyJSON.string([Mixed(graph: Self.awkwardGraph)]))
    #expect(throws: JSONTreeEncoder.Unsupported.self) { try JSONTreeEncoder.encode(Mixed(graph: .null)) }
  }

  @Test func aRoutePlanWithAnAwkwardGraphMatchesTheEncoder() {
    var desired = DesiredState()
    desired.routes = [RouteSpec(name: "r", body: .graph(Self.awkwardGraph))]
    let plan = Self.planAgainstRouteR(desired, live: .object(["elements": Self.awkwardGraph]))
    #expect(plan.routes?.changes.isEmpty == false)
    Self.check(plan)
  }

  @Test func aLargePlanMatchesTheEncoderAndRendersTheSameText() {
    let specs = (0..<500).map {
      Fixtures.spec(
        "team/a\($0)", ["openai/gpt-4o", "m/\($0 % 7)"], description: $0 % 3 == 0 ? nil : "d \($0)")
    }
    let remote = (0..<500).map {
      Fixtures.alias("id\($0)", "team/a\($0)", ["openai/gpt-4o", "m/\($0 % 5)"], description: "d \($0)")
    }
    let plan = Planner().plan(desired: Fixtures.state(specs, prune: true), remote: remote)
    #expect(plan.changes.count > 100 && plan.unchanged.count > 10)
    Self.check(plan)
    #expect(JSONPlanRenderer().render(plan) == String(decoding: Self.reference(plan), as: UTF8.self))
    #expect(PlanFile.encode(plan) == Data(Self.reference(plan)))
  }
}
