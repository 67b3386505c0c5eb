import OpalConfig
import OpalCore
import OpperAPI
import Testing

@testable import OpalReconcile

/// The planner's memory-lean paths give exactly what the whole-list paths give: the catalog
/// checks run a batch of chains at a time (same findings, same order), a hop's key path is
/// rendered when read, and the remote's aliases share their chains.
@Suite struct ChainBatchTests {
  /// Ten aliases over a retired model, one unknown provider mix and a region rule, two
  /// policies: findings from every checker, in an order that batching could scramble.
  var desired: DesiredState {
    var state = Fixtures.state(
      (0..<10).map { i in
        Fixtures.spec(
          "team-\(i % 3)/svc-\(i)", i % 2 == 0 ? ["x/old", "y/new"] : ["y/new", "x/old", "z/eu"])
      })
    state.policies = [
      CatalogPolicy(minProviders: 3, keyPath: "policy[0]"),
      CatalogPolicy(severity: .warning, regions: ["eu"], keyPath: "policy[1]"),
    ]
    return state
  }

  var remote: RemoteState {
    RemoteState(
      aliases: [Fixtures.alias("id-1", "team-1/svc-1", ["y/new", "x/old", "z/eu"])],
      catalog: [],
      models: [
        CatalogModel(id: "x/old", provider: "x", region: "us", retiredAt: "2020-01-01", successor: "y/new"),
        CatalogModel(id: "y/new", provider: "y", region: "us"),
        CatalogModel(id: "z/eu", provider: "z", region: "eu"),
      ])
  }

  @Test(arguments: [1, 3, 4096])
  func batchedChecksFindWhatTheWholeListFinds(batchSize: Int) {
    let checks = ChainChecks(
      catalog: remote.models, policies: desired.policies, options: CatalogCheckOptions())
    let whole = DiagnosticList()
    checks.check(CatalogChain.all(of: desired, remote: remote), into: whole)
    let batched = DiagnosticList()
    checks.check(chainsOf: desired, remote: remote, batchSize: batchSize, into: batched)
    #expect(whole.diagnostics.count > 10)
    #expect(batched.diagnostics == whole.diagnostics)
  }

  @Test func aHopsKeyPathIsRenderedAsBefore() {
    let chain = CatalogChain.alias(Fixtures.spec("team a/x", ["m/a", "m/b"]), live: ["m/b"])
    let path = ConfigKeyPath.alias("team a/x")
    #expect(chain.keyPath == path)
    #expect(chain.hops.map(\.keyPath) == [path.child("models").index(0), path.child("models").index(1)])
    #expect(chain.hops.map(\.isLive) == [false, true])
    var moved = chain.hops[0]
    moved.keyPath = "elsewhere"
    #expect(moved.keyPath.text == "elsewhere")
    #expect(moved != chain.hops[0])
  }

  @Test func theRemotesAliasesShareTheirChainsUnchanged() {
    let aliases = (0..<50).map { i in
      Fixtures.alias(
        "id-\(i)", "a-\(i)", i % 3 == 0 ? ["p/one", "p/two"] : ["p/\(i % 5)"], description: "d\(i)")
    }
    var shared = aliases
    var chains = SharedChains()
    chains.share(&shared)
    #expect(shared == aliases)
    let first = shared.firstIndex { $0.fallbackModels == ["p/one", "p/two"] }!
    for alias in shared where alias.fallbackModels == ["p/one", "p/two"] {
      #expect(Self.storage(alias.fallbackModels) == Self.storage(shared[first].fallbackModels))
    }
  }

  /// Where an array's elements live (equal for two arrays that share one buffer).
  static func storage(_ chain: [String]) -> UnsafeRawPointer? {
    chain.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
  }
}
