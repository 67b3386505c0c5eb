import Foundation
import OpalConfig
import OpalCore
import Testing

@testable import OpalReconcile

/// How routes reach the catalog checks and the plan file: a route graph as its fallback chains
/// (model nodes in fallback order from START, pools as their members, one chain per branch of
/// a split), and the desired routes carried by the plan's `desired` and read back unchanged.
@Suite struct RouteCatalogChainTests {
  func node(
    _ id: String, _ type: String, _ properties: [String: JSONValue] = [:], _ outputs: [String: String]
  )
    -> JSONValue
  {
    .object([
      "id": .string(id), "type": .string(type), "properties": .object(properties),
      "outputs": .object(outputs.mapValues { .object(["elementId": .string($0)]) }),
    ])
  }

  var splitGraph: JSONValue {
    .object([
      "elements": .array([
        node("START", "start", [:], ["next": "s"]),
        node("s", "percentage", [:], ["a": "a1", "b": "p1"]),
        node("a1", "model", ["model": .string("x/a1")], ["success": "END", "fallback": "a2"]),
        node("a2", "model", ["model": .string("y/a2")], ["success": "END", "fallback": "END"]),
        node(
          "p1", "pool", ["models": .array([.string("x/p1"), .object(["model": .string("z/p2")])])],
          ["success": "END", "fallback": "END"]),
        .object(["id": .string("END"), "type": .string("end"), "outputs": .object([:])]),
      ])
    ])
  }

  @Test func aGraphIsOneChainPerBranchInFallbackOrderWithPoolsAsMembers() {
    let spec = RouteSpec(name: "r", body: .graph(splitGraph))
    let chains = CatalogChain.route(spec, live: RouteChain.graph(["x/a1"]))
    #expect(chains.map { $0.hops.map(\.model) } == [["x/a1", "y/a2"], ["x/p1", "z/p2"]])
    #expect(chains.allSatisfy { $0.kind == "route" && $0.name == "r" })
    #expect(chains[0].hops.map(\.isLive) == [true, false])
    #expect(chains[1].hops[1].keyPath.description == "routes.r.graph.elements[4].properties.models[1]")
    #expect(chains[0].hops[1].keyPath.description == "routes.r.graph.elements[3].properties.model")
  }

  @Test func aChainRouteIsOneChainAtItsModelsAndALoopIsBounded() {
    let chain = CatalogChain.route(RouteSpec(name: "c", body: .chain(["a/1", "b/2"])))
    #expect(
      chain.map { $0.hops.map(\.keyPath.description) } == [["routes.c.models[0]", "routes.c.models[1]"]])
    // A graph from outside that loops (m1 falls back to itself) ends, with its hop once per step.
    let loop: JSONValue = .object([
      "elements": .array([
        node("START", "start", [:], ["next": "m1"]),
        node("m1", "model", ["model": .string("a/1")], ["success": "END", "fallback": "m1"]),
      ])
    ])
    let hops = CatalogChain.route(RouteSpec(name: "l", body: .graph(loop))).flatMap(\.hops)
    #expect(hops.count == 2)
  }

  @Test func thePlansDesiredRoutesReadBackAsDeclaredAndAliasOnlyPlansHaveNoKey() throws {
    let routes = [
      RouteSpec(
        name: "support", description: "EU first", body: .chain(["a/1", "b/2"]),
        tests: [
          RouteTest(name: "down", overrides: .object(["model_outcomes": .object([:])]), expectNode: "m2")
        ],
        location: SourceLocation(file: "opal.yaml", line: 4, column: 3)),
      RouteSpec(name: "triage", body: .graph(splitGraph)),
    ]
    let desired = DesiredState(routes: routes)
    let data = PrettyJSON.data(PlanDesiredContent(desired))
    let back = try JSONDecoder().decode(PlanDesiredContent.self, from: data).state()
    #expect(back.routes.sorted { $0.name < $1.name } == routes)
    let aliasOnly = String(decoding: PrettyJSON.data(PlanDesiredContent(DesiredState())), as: UTF8.self)
    #expect(!aliasOnly.contains("routes"))
    let planned = RoutePlanner().plan(desired: desired, remote: [])
    #expect(RoutePlanner().plan(desired: back, remote: []).fingerprint == planned.fingerprint)
  }
}
