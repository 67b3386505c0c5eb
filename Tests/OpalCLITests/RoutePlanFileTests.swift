import Foundation
import OpalCore
import OpalReconcile
import OpalTestSupport
import OpperAPI
import Testing

/// A saved plan is self-contained for routes as for aliases (SPEC §4, §13): `opal plan -o
/// plan.json` then `opal apply plan.json` from elsewhere, with no config file to read, deploys
/// exactly the planned routes, and a plan afterwards is empty. Through the built binary.
@Suite struct RoutePlanFileTests {
  @Test func aSavedPlanAppliesItsRoutesWithoutTheConfig() async throws {
    try await RouteFixture.with { f in
      let repo = f.directory.appendingPathComponent("repo")
      let elsewhere = f.directory.appendingPathComponent("elsewhere")
      for dir in [repo, elsewhere] {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      }
      let config = try CLIHarness.write(RouteCommandTests.config, to: "opal.yaml", in: repo)
      let env = f.harness.environment
      let plan = try await OpalProcess.run(
        ["plan", "-f", "opal.yaml", "-o", "plan.json"], environment: env, directory: f.directory,
        workingDirectory: repo)
      #expect(plan.exitCode == 0, "\(plan.all)")
      let saved = repo.appendingPathComponent("plan.json")
      let document = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: saved))
      let routes = try #require(document["desired"]?["routes"]?.arrayValue)
      #expect(routes.map { $0["name"]?.stringValue } == ["split", "support"])
      #expect(routes[1]["description"]?.stringValue == "EU first")
      #expect(routes[1]["graph"]?["elements"]?.arrayValue?.count == 5)  // START, three hops, END
      #expect(routes[1]["tests"]?.arrayValue?.first?["expect_node"]?.stringValue == "m2")
      #expect(routes[0]["graph"]?["elements"]?.arrayValue?.count == 5)
      // Nothing left to read the routes from but the plan.
      try FileManager.default.removeItem(atPath: config)

      let apply = try await OpalProcess.run(
        ["apply", saved.path, "--format", "json"], environment: env, directory: f.directory,
        workingDirectory: elsewhere)
      #expect(apply.exitCode == 0, "\(apply.all)")
      #expect(!apply.stderr.contains("stale plan"), "\(apply.stderr)")
      let support = try await f.routes.route(named: "support")
      #expect(support?.detail.activeVersionNumber == 1)
      #expect(support?.detail.route.description == "EU first")
      #expect(try await f.routes.route(named: "split")?.detail.activeVersionNumber == 1)
      // The route tests ran with simulate before the deploy, as with -f.
      #expect(await seen(f.server, "POST /management/v1/dynamic-routes/support/simulate") == 1)
      #expect(await seen(f.server, "POST /v2/models/aliases") == 1)  // the alias half too

      _ = try CLIHarness.write(RouteCommandTests.config, to: "opal.yaml", in: elsewhere)
      let again = try await OpalProcess.run(
        ["plan", "-f", "opal.yaml", "--detailed-exitcode"], environment: env, directory: f.directory,
        workingDirectory: elsewhere)
      #expect(again.exitCode == 0, "\(again.all)")
      #expect(again.stdout.contains("Routes: 0 to create, 0 to update, 0 to delete."), "\(again.stdout)")
    }
  }
}
