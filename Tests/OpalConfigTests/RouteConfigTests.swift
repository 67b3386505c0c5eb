import Foundation
import OpalCore
import Testing

@testable import OpalConfig

/// `routes:` (SPEC §13): chains compile to the documented graph and back, graphs are kept as
/// written, tests are read, and the graph rules point at the element.
@Suite struct RouteConfigTests {
  @Test func routesLoadAsChainsAndGraphs() throws {
    let path = TestPaths.fixtures.appendingPathComponent("valid/routes.yaml").path
    let result = ConfigLoader().load(paths: [path])
    #expect(result.diagnostics == [])
    let state = try #require(result.state)
    #expect(state.aliases.map(\.name) == ["sonnet4"])
    #expect(state.routes.map(\.name) == ["support", "pooled"])
    let support = try #require(state.route(named: "support"))
    #expect(support.body == .chain(["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4"]))
    #expect(support.description == "EU first")
    #expect(support.invocationModel == "dynamic/support")
    #expect(RouteChain.models(of: support.graph) == ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4"])
    let pooled = try #require(state.route(named: "pooled"))
    #expect(pooled.chain == nil)
    guard case .graph(let graph) = pooled.body else { Issue.record("not a graph"); return }
    let watch = graph["elements"]?.arrayValue?.first { $0["id"]?.stringValue == "watch" }
    #expect(watch?["x-unknown"] == .array([.integer(1), .integer(2)]))  // unknown keys kept
    #expect(pooled.tests.count == 2)
    #expect(pooled.tests[0].expectNode == "p1")
    #expect(pooled.tests[1].expectPath == ["p1"])
    #expect(pooled.tests[1].overrides?["model_outcomes"]?["p1"] == .string("fallback"))
    #expect(state.routeOwnership().owns("support") && !state.routeOwnership().owns("other"))
  }

  @Test func aChainGraphRoundTripsAndAnythingElseIsNoChain() {
    let chain = ["a/x", "b/y", "c/z"]
    let graph = RouteChain.graph(chain)
    #expect(RouteChain.models(of: graph) == chain)
    guard case .object(var object) = graph, case .array(var elements) = object["elements"] else {
      Issue.record("not a graph")
      return
    }
    elements[1] = .object(["id": .string("m1"), "type": .string("pool")])
    object["elements"] = .array(elements)
    #expect(RouteChain.models(of: .object(object)) == nil)
    #expect(RouteChain.models(of: .object(["elements": .array([])])) == nil)
  }

  @Test func aRouteDeclaredInTwoFilesIsAnError() throws {
    let folder = try TestPaths.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for file in ["a.yaml", "b.yaml"] {
      try "version: 1\nroutes:\n  r: {models: [openai/gpt-4o]}\n".write(
        to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }
    let result = ConfigLoader().load(paths: [folder.path])
    #expect(result.diagnostics.contains { $0.message.contains("route 'r' is declared twice") })
  }
}
