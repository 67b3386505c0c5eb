import OpalConfig
import OpalCore
import Testing

@testable import OpalReconcile

/// The route half of a plan (SPEC §13): diffed against the active version, chain diffs for
/// chains, node and edge diffs for graphs, notes, and a fingerprint that moves with the
/// remote's uuid, draft revision and active version.
@Suite struct RoutePlannerTests {
  func remote(
    _ name: String, _ graph: JSONValue?, active: Int = 1, revision: Int = 1, dirty: Bool = false,
    uuid: String = "u-1"
  ) -> RemoteRoute {
    RemoteRoute(
      name: name, uuid: uuid, draftRevision: revision, activeVersionNumber: graph == nil ? 0 : active,
      draftDirty: dirty, activeGraph: graph)
  }

  @Test func aChainUpdateLeadsWithThePrimaryAndMarksHops() {
    let desired = DesiredState(routes: [RouteSpec(name: "r", body: .chain(["b/2", "a/1"]))])
    let plan = RoutePlanner().plan(desired: desired, remote: [remote("r", RouteChain.graph(["a/1", "b/2"]))])
    #expect(plan.changes.map(\.action) == [.update])
    let text = RoutePlanTextRenderer().render(plan)
    #expect(text.contains("~ route r  (update)"))
    #expect(text.contains("primary: a/1 → b/2"))
    #expect(text.contains("Routes: 0 to create, 1 to update, 0 to delete."))
  }

  @Test func aGraphUpdateShowsNodesAndEdges() throws {
    let old = RouteChain.graph(["a/1", "b/2"])
    guard case .object(var object) = RouteChain.graph(["a/1"]), case .array(var elements) = object["elements"]
    else {
      Issue.record("not a graph")
      return
    }
    elements.insert(
      .object([
        "id": .string("w"), "type": .string("observe"),
        "outputs": .object(["next": .object(["elementId": .string("END")])]),
      ]), at: 2)
    object["elements"] = .array(elements)
    let desired = DesiredState(routes: [RouteSpec(name: "g", body: .graph(.object(object)))])
    let plan = RoutePlanner().plan(desired: desired, remote: [remote("g", old)])
    let diff = try #require(plan.changes.first?.graphDiff)
    #expect(diff.added == ["w"])
    #expect(diff.removed == ["m2"])
    #expect(
      diff.edges.contains { $0.node == "m1" && $0.output == "fallback" && $0.from == "m2" && $0.to == "END" })
    let text = RoutePlanTextRenderer().render(plan)
    #expect(text.contains("+ node w"))
    #expect(text.contains("- node m2"))
  }

  @Test func notesCreatesDeletesAndUnchanged() {
    var desired = DesiredState(
      scope: Scope(include: GlobSet([try! Glob("*")])), prune: true,
      routes: [
        RouteSpec(name: "live", body: .chain(["a/1"])), RouteSpec(name: "fresh", body: .chain(["a/1"])),
        RouteSpec(name: "never", body: .chain(["a/1"])),
      ])
    desired.scope.protect = GlobSet([try! Glob("kept")])
    let plan = RoutePlanner().plan(
      desired: desired,
      remote: [
        remote("live", RouteChain.graph(["a/1"]), dirty: true), remote("never", nil, revision: 2),
        remote("gone", RouteChain.graph(["a/1"])), remote("kept", RouteChain.graph(["a/1"])),
      ])
    #expect(
      plan.changes.map { "\($0.action.rawValue) \($0.name)" } == [
        "create fresh", "update never", "delete gone",
      ])
    #expect(plan.unchanged == ["live"])
    #expect(plan.changes[1].notes.contains { $0.contains("apply deploys it") })
    #expect(plan.notes.contains { $0.contains("draft_dirty") })
    #expect(plan.notes.contains { $0.contains("kept") && $0.contains("scope.protect") })
  }

  @Test func theFingerprintCoversUUIDDraftRevisionAndActiveVersion() {
    let desired = DesiredState(routes: [RouteSpec(name: "r", body: .chain(["a/1", "b/2"]))])
    let graph = RouteChain.graph(["a/1"])
    let base = RoutePlanner().plan(desired: desired, remote: [remote("r", graph)]).fingerprint
    #expect(RoutePlanner().plan(desired: desired, remote: [remote("r", graph)]).fingerprint == base)
    #expect(
      RoutePlanner().plan(desired: desired, remote: [remote("r", graph, revision: 2)]).fingerprint != base)
    #expect(
      RoutePlanner().plan(desired: desired, remote: [remote("r", graph, active: 2)]).fingerprint != base)
    #expect(
      RoutePlanner().plan(desired: desired, remote: [remote("r", graph, uuid: "u-2")]).fingerprint != base)
  }

  @Test func theIdempotencyKeyIsStablePerPlanAndRoute() {
    let a = RouteApplier.idempotencyKey(fingerprint: "f1", route: "r")
    #expect(a == RouteApplier.idempotencyKey(fingerprint: "f1", route: "r"))
    #expect(a != RouteApplier.idempotencyKey(fingerprint: "f2", route: "r"))
    #expect(a != RouteApplier.idempotencyKey(fingerprint: "f1", route: "s"))
    #expect(a.hasPrefix("opal-") && a.count == 45)
  }
}
