import Foundation
import OpalConfig
import OpalCore
import OpalReconcile
import OpalTestSupport
import OpperAPI
import OpperEmulator
import Testing

/// Routes end to end through the CLI (SPEC §13): plan, apply, export, history, rollback, over
/// real sockets against the emulator.
@Suite struct RouteCommandTests {
  static let config = """
    version: 1
    aliases:
      sonnet4: {models: [anthropic/claude-sonnet-4, openai/gpt-4o]}
    routes:
      support:
        description: EU first
        models: [anthropic/claude-sonnet-4, openai/gpt-4o, openai/gpt-4o-mini]
        tests:
          - name: primary down
            overrides: {model_outcomes: {m1: fallback}}
            expect: {node: m2}
      split:
        graph:
          elements:
            - {id: START, type: start, outputs: {next: {elementId: s}}}
            - {id: s, type: percentage, properties: {buckets: {a: 90, b: 10}}, outputs: {a: {elementId: a1}, b: {elementId: b1}}}
            - {id: a1, type: model, properties: {model: openai/gpt-4o}, outputs: {success: {elementId: END}, fallback: {elementId: END}}}
            - {id: b1, type: model, properties: {model: openai/gpt-4o-mini}, outputs: {success: {elementId: END}, fallback: {elementId: END}}}
            - {id: END, type: end, outputs: {}}

    """

  @Test func planApplyThenExportAndPlanAgainIsEmpty() async throws {
    try await RouteFixture.with { f in
      let path = try f.write(Self.config)
      let plan = await f.run(["plan", "-f", path])
      #expect(plan.exitCode == 0, "\(plan.all)")
      #expect(plan.stdout.contains("+ route support"))
      #expect(plan.stdout.contains("+ route split"))
      #expect(plan.stdout.contains("+ node s"))
      #expect(plan.stdout.contains("Routes: 2 to create, 0 to update, 0 to delete."))
      #expect(try await f.routes.listRoutes().isEmpty)  // plan writes nothing
      let apply = await f.run(["apply", "-f", path, "--auto-approve"])
      #expect(apply.exitCode == 0, "\(apply.all)")
      #expect(apply.stdout.contains("route support  deployed version 1"))
      let support = try await f.routes.route(named: "support")
      #expect(support?.detail.activeVersionNumber == 1)
      #expect(try await f.routes.versions(name: "split").first?.note?.hasPrefix("opal plan ") == true)
      let again = await f.run(["plan", "-f", path, "--detailed-exitcode"])
      #expect(again.exitCode == 0, "\(again.all)")

      let export = await f.run(["export"])
      #expect(export.exitCode == 0, "\(export.all)")
      #expect(
        export.stdout.contains("models: [anthropic/claude-sonnet-4, openai/gpt-4o, openai/gpt-4o-mini]"))
      #expect(export.stdout.contains("\"type\":\"percentage\""))
      let exported = try f.write(export.stdout, to: "exported.yaml")
      let fromExport = await f.run(["plan", "-f", exported, "--detailed-exitcode"])
      #expect(fromExport.exitCode == 0, "\(fromExport.all)")
    }
  }

  @Test func aDeployBehindOpalsBackMakesTheServerRefuseAStalePlan() async throws {
    try await RouteFixture.with { f in
      let path = try f.write(Self.config)
      #expect(await f.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      let changed = try f.write(
        Self.config.replacingOccurrences(of: "openai/gpt-4o-mini]", with: "openai/gpt-4.1]"))
      let saved = f.directory.appendingPathComponent("plan.json").path
      #expect(await f.run(["plan", "-f", changed, "-o", saved]).exitCode == 0)
      // Behind opal's back: v1 redeployed as v2 (the draft revision does not move).
      _ = try await f.routes.rollback(name: "support", to: 1, note: "someone else")
      let plan = try PlanFile.read(from: saved)
      let routePlan = try #require(plan.routes)
      let result = await RouteApplier(api: f.routes).apply(
        routePlan, fingerprint: plan.fingerprint.combined, diagnostics: DiagnosticList())
      #expect(result.first?.outcome == .stalePlan)
      #expect(result.first?.message?.contains("stale plan") == true)
      #expect(try await f.routes.versions(name: "support").count == 2)  // nothing deployed by opal
      // The CLI refuses the saved plan too (its fingerprint no longer matches).
      let apply = await f.run(["apply", saved])
      #expect(apply.exitCode == 1)
    }
  }

  @Test func aLostDeployAnswerIsRetriedAndReplayedIntoOneVersion() async throws {
    let faults =
      #"{"endpoints": {"POST /dynamic-routes/support/deployments": {"lose_response": true, "consecutive": 1}}}"#
    try await RouteFixture.with(faults: faults) { f in
      let path = try f.write(Self.config)
      let apply = await f.run(["apply", "-f", path, "--auto-approve", "--format", "json"])
      #expect(apply.exitCode == 0, "\(apply.all)")
      #expect(apply.stdout.contains("\"replayed\" : true") || apply.stdout.contains("\"replayed\": true"))
      #expect(try await f.routes.versions(name: "support").map(\.versionNumber) == [1])
      #expect(await f.server.faultCounts()["lose_response"] == 1)
    }
  }

  @Test func aFailingTestStopsTheDeployAndLiveRoutingIsUnchanged() async throws {
    try await RouteFixture.with { f in
      let path = try f.write(Self.config)
      #expect(await f.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      let broken = try f.write(
        Self.config.replacingOccurrences(of: "expect: {node: m2}", with: "expect: {node: m3}")
          .replacingOccurrences(of: "openai/gpt-4o-mini]", with: "openai/gpt-4.1]"))
      let apply = await f.run(["apply", "-f", broken, "--auto-approve"])
      #expect(apply.exitCode == 1)
      #expect(apply.stderr.contains("test 'primary down' failed"))
      let live = try await f.routes.version(name: "support", number: 1)
      #expect(try await f.routes.route(named: "support")?.detail.activeVersionNumber == 1)
      #expect(
        live?.graph.flatMap(RouteChain.models(of:)) == [
          "anthropic/claude-sonnet-4", "openai/gpt-4o", "openai/gpt-4o-mini",
        ])
    }
  }

  @Test func aDraftWithValidationErrorsStopsThatRouteOnly() async throws {
    try await RouteFixture.with { f in
      // A pool of one model passes opal's offline and online checks; the server's pool_size
      // issue stops that route, and the other one deploys.
      let config =
        Self.config + """
            pooled:
              graph:
                elements:
                  - {id: START, type: start, outputs: {next: {elementId: p1}}}
                  - {id: p1, type: pool, properties: {models: [openai/gpt-4o]}, outputs: {success: {elementId: END}, fallback: {elementId: END}}}
                  - {id: END, type: end, outputs: {}}

          """
      let path = try f.write(config)
      let apply = await f.run(["apply", "-f", path, "--auto-approve"])
      #expect(apply.exitCode == 1)
      #expect(apply.stderr.contains("pool_size"))
      #expect(apply.stderr.contains("opal.yaml:20:3"))  // at the route's config line
      #expect(try await f.routes.route(named: "pooled")?.detail.activeVersionNumber == 0)
      #expect(try await f.routes.route(named: "support")?.detail.activeVersionNumber == 1)
      #expect(try await f.routes.route(named: "split")?.detail.activeVersionNumber == 1)
    }
  }

  @Test func anUnknownModelInARouteIsAnOnlineErrorWithADidYouMean() async throws {
    try await RouteFixture.with { f in
      let path = try f.write(
        Self.config.replacingOccurrences(of: "openai/gpt-4o-mini]", with: "openai/gpt-4o-mimi]"))
      let plan = await f.run(["plan", "-f", path])
      #expect(plan.exitCode == 1)
      #expect(plan.stderr.contains("openai/gpt-4o-mimi is not a model"))
      #expect(plan.stderr.contains("did you mean 'openai/gpt-4o-mini'"))
      #expect(try await f.routes.listRoutes().isEmpty)
    }
  }

  @Test func historyAndRollbackRestoreThePreviousGraphAsANewVersion() async throws {
    try await RouteFixture.with { f in
      let path = try f.write(Self.config)
      #expect(await f.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      let changed = try f.write(
        Self.config.replacingOccurrences(of: "openai/gpt-4o-mini]", with: "openai/gpt-4.1]"))
      #expect(await f.run(["apply", "-f", changed, "--auto-approve"]).exitCode == 0)
      let rollback = await f.run(["rollback", "route", "support"])
      #expect(rollback.exitCode == 0, "\(rollback.all)")
      #expect(rollback.stdout.contains("to v1: live as new version v3"))
      let v3 = try await f.routes.version(name: "support", number: 3)
      #expect(
        v3?.graph.flatMap(RouteChain.models(of:)) == [
          "anthropic/claude-sonnet-4", "openai/gpt-4o", "openai/gpt-4o-mini",
        ])
      let history = await f.run(["history", "route", "support"])
      #expect(history.exitCode == 0)
      #expect(history.stdout.contains("* v3"))
      #expect(history.stdout.contains("v1"))
      let help = await f.run(["rollback", "route", "--help"])
      #expect(help.stdout.contains("as a new version"))
    }
  }

  @Test func smokeCallsEachRouteAndReadsTheServedModelFromMetaRouting() async throws {
    try await RouteFixture.with { f in
      let path = try f.write(Self.config)
      #expect(await f.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      await f.server.setFaults(try faultPlan(#"{"models": {"anthropic/claude-sonnet-4": {"status": 503}}}"#))
      let smoke = await f.run(["smoke", "-f", path, "--format", "json"])
      #expect(smoke.exitCode == 0, "\(smoke.all)")
      #expect(smoke.stdout.contains("dynamic/support"))
      #expect(smoke.stdout.contains("dynamic/split"))
      let json = try JSONDecoder().decode(JSONValue.self, from: Data(smoke.stdout.utf8))
      let text = json.canonicalJSON
      #expect(text.contains(#""served_by":"openai/gpt-4o""#))
    }
  }

  @Test func migrateWritesEquivalentRoutesAndTheCallerChange() async throws {
    try await RouteFixture.with { f in
      let path = try f.write(
        "version: 1\naliases:\n  sonnet4: {models: [anthropic/claude-sonnet-4, openai/gpt-4o]}\n"
          + "  team-a/fast: {description: Fast, models: [openai/gpt-4o-mini]}\n")
      let migrate = await f.run(["migrate", "*", "-f", path])
      #expect(migrate.exitCode == 0, "\(migrate.all)")
      #expect(migrate.stdout.contains("sonnet4:\n    models: [anthropic/claude-sonnet-4, openai/gpt-4o]"))
      #expect(migrate.stdout.contains("team-a-fast:"))
      #expect(migrate.stderr.contains(#""model": "sonnet4" → "model": "dynamic/sonnet4""#))
      let both = try f.write(
        "version: 1\naliases:\n  sonnet4: {models: [anthropic/claude-sonnet-4, openai/gpt-4o]}\n"
          + "  team-a/fast: {description: Fast, models: [openai/gpt-4o-mini]}\n" + migrate.stdout,
        to: "both.yaml")
      let plan = await f.run(["plan", "-f", both, "--format", "markdown"])
      #expect(plan.exitCode == 0, "\(plan.all)")
      #expect(plan.stdout.contains("#### Dynamic routes"))
      #expect(plan.stdout.contains("routes 2 to create, 0 to update, 0 to delete"))
      #expect(plan.stdout.contains("+ route sonnet4"))
    }
  }

  @Test func eachHopProvesEveryRouteFallbackEdgeWithSimulate() async throws {
    try await RouteFixture.with { f in
      let path = try f.write(Self.config)
      #expect(await f.run(["apply", "-f", path, "--auto-approve"]).exitCode == 0)
      await f.server.resetRequestCounts()
      let smoke = await f.run(["smoke", "-f", path, "--each-hop", "--alias", "dynamic/*"])
      #expect(smoke.exitCode == 0, "\(smoke.all)")
      #expect(smoke.stderr.contains("route fallback edges proven with simulate: 5 of 5"))
      #expect(await seen(f.server, "POST /management/v1/dynamic-routes/support/simulate") == 3)
    }
  }

  @Test func routesWithoutAManagementKeyAreAClearErrorBeforeAnyRequest() async throws {
    try await RouteFixture.with { f in
      var harness = f.harness
      harness.environment["OPPER_MANAGEMENT_KEY"] = nil
      let path = try f.write(Self.config)
      await f.server.resetRequestCounts()
      let plan = await harness.run(["plan", "-f", path])
      #expect(plan.exitCode == 1)
      #expect(plan.stderr.contains("OPPER_MANAGEMENT_KEY"))
      // The alias list is read beside the config load (it may have gone out before the config
      // said routes); nothing reached the management API and nothing was written.
      let sent = await f.server.requestCounts().keys
      #expect(!sent.contains { $0.contains("/management/") }, "\(sent)")
      #expect(!sent.contains { !$0.hasPrefix("GET ") }, "\(sent)")
      #expect(!plan.all.contains(RouteFixture.managementKey) && !plan.all.contains(RouteFixture.key))
    }
  }
}
