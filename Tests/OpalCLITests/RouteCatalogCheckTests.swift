import Foundation
import OpalConfig
import OpalCore
import OpalTestSupport
import OpperAPI
import Testing

/// SPEC §14 for routes: the catalog checks, `policy:` rules and prices run over each route's
/// fallback chains (model nodes in fallback order from START, pools as their members), errors on
/// what a plan changes, warnings on hops already live, at the route's file:line:col with the
/// node's key path. Against the emulator's default catalog, over real sockets.
@Suite struct RouteCatalogCheckTests {
  /// A split whose branch `b` falls back from a pool to a retired model.
  static let graphRoute = """
    version: 1
    routes:
      triage:
        graph:
          elements:
            - {id: START, type: start, outputs: {next: {elementId: s}}}
            - {id: s, type: percentage, properties: {buckets: {a: 90, b: 10}}, outputs: {a: {elementId: a1}, b: {elementId: p1}}}
            - {id: a1, type: model, properties: {model: openai/gpt-4o}, outputs: {success: {elementId: END}, fallback: {elementId: END}}}
            - {id: p1, type: pool, properties: {models: [openai/gpt-4o-mini, openai/gpt-4.1]}, outputs: {success: {elementId: END}, fallback: {elementId: b2}}}
            - {id: b2, type: model, properties: {model: groq/gemma2-9b-it}, outputs: {success: {elementId: END}, fallback: {elementId: END}}}
            - {id: END, type: end, outputs: {}}

    """

  @Test func aRetiredModelInAGraphBranchIsAnErrorAtTheRouteNamingItsNode() async throws {
    try await RouteFixture.with { f in
      let path = try f.write(Self.graphRoute)
      let plan = await f.run(["plan", "-f", path, "--no-color"])
      #expect(plan.exitCode == 1, "\(plan.all)")
      #expect(plan.stderr.contains("\(path):3:3: error: groq/gemma2-9b-it was retired on "), "\(plan.stderr)")
      #expect(plan.stderr.contains("routes.triage.graph.elements[4].properties.model"))
      #expect(plan.stderr.contains("its successor is groq/llama-3.1-8b-instant"))
      // Said once, though only one branch reaches it.
      #expect(plan.stderr.components(separatedBy: "groq/gemma2-9b-it was retired").count == 2)
      #expect(try await f.routes.listRoutes().isEmpty)
      let validate = await f.run(["validate", "-f", path, "--online", "--no-color"])
      #expect(validate.exitCode == 1, "\(validate.all)")
      #expect(validate.stderr.contains("error: groq/gemma2-9b-it was retired on "))
    }
  }

  @Test func aRetiredHopAlreadyLiveInARouteIsAWarningThatDoesNotBlock() async throws {
    try await RouteFixture.with { f in
      let chain = ["openai/gpt-4o", "groq/gemma2-9b-it"]
      _ = try await f.routes.createRoute(
        RouteCreate(name: "legacy", graph: RouteChain.graph(chain), description: nil, deploy: true))
      // The route is unchanged; another one is added: the old problem must not block it.
      let path = try f.write(
        """
        version: 1
        routes:
          legacy: {models: [openai/gpt-4o, groq/gemma2-9b-it]}
          fresh: {models: [openai/gpt-4o, anthropic/claude-sonnet-4]}

        """)
      let plan = await f.run(["plan", "-f", path, "--no-color"])
      #expect(plan.exitCode == 0, "\(plan.all)")
      #expect(
        plan.stderr.contains(
          "\(path):3:3: warning: groq/gemma2-9b-it was retired on "), "\(plan.stderr)")
      #expect(plan.stderr.contains("(already live and not changed by this plan, so not blocking)"))
      #expect(plan.stdout.contains("+ route fresh"))
      // Adding the retired model to another route is a change, so an error.
      let worse = try f.write(
        """
        version: 1
        routes:
          legacy: {models: [openai/gpt-4o, groq/gemma2-9b-it]}
          fresh: {models: [openai/gpt-4o, groq/gemma2-9b-it]}

        """, to: "worse.yaml")
      let refused = await f.run(["plan", "-f", worse, "--no-color"])
      #expect(refused.exitCode == 1, "\(refused.all)")
      #expect(refused.stderr.contains("\(worse):4:3: error: groq/gemma2-9b-it was retired on "))
      #expect(refused.stderr.contains("routes.fresh.models[1]"))
    }
  }

  @Test func policyRulesCoverRoutesOnlineAndOffline() async throws {
    try await RouteFixture.with { f in
      let path = try f.write(
        """
        version: 1
        policy: {min_providers: 2, max_price_per_mtok: {output: 20}}
        routes:
          solo:
            models: [anthropic/claude-sonnet-4, anthropic/claude-opus-4]
          spread:
            models: [anthropic/claude-sonnet-4, openai/gpt-4o]

        """)
      let offline = await CLIHarness().run(["validate", "-f", path, "--no-color"])
      #expect(offline.exitCode == 1, "\(offline.all)")
      #expect(
        offline.stderr.contains(
          "\(path):4:3: error: route solo spans 1 provider (anthropic); the policy asks for at least 2"),
        "\(offline.stderr)")
      #expect(!offline.stderr.contains("route spread spans"))
      let plan = await f.run(["plan", "-f", path, "--no-color"])
      #expect(plan.exitCode == 1, "\(plan.all)")
      #expect(plan.stderr.contains("route solo spans 1 provider"))
      #expect(plan.stderr.contains("error: anthropic/claude-opus-4 costs $75.00 per million output tokens"))
      #expect(plan.stderr.contains("routes.solo.models[1]"))
    }
  }

  @Test func aRouteUpdateShowsItsPricesInTextJSONAndMarkdown() async throws {
    try await RouteFixture.with { f in
      _ = try await f.routes.createRoute(
        RouteCreate(
          name: "main", graph: RouteChain.graph(["openai/gpt-4o", "openai/gpt-4o-mini"]), deploy: true))
      let path = try f.write(
        "version: 1\nroutes:\n  main: {models: [anthropic/claude-sonnet-4, anthropic/claude-opus-4]}\n")
      let text = await f.run(["plan", "-f", path, "--no-color"])
      #expect(text.exitCode == 0, "\(text.all)")
      #expect(text.stdout.contains("+ anthropic/claude-opus-4  $15.00 in / $75.00 out"), "\(text.stdout)")
      #expect(
        text.stdout.contains(
          "primary price: openai/gpt-4o $2.50 in / $10.00 out → anthropic/claude-sonnet-4 $3.00 in / $15.00 out"
        ))
      #expect(
        text.stdout.contains(
          "worst case: openai/gpt-4o $2.50 in / $10.00 out → anthropic/claude-opus-4 $15.00 in / $75.00 out"))

      let json = await f.run(["plan", "-f", path, "--format", "json"])
      #expect(json.exitCode == 0, "\(json.all)")
      let doc = try JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8))
      let pricing = try #require(doc["routes"]?["changes"]?.arrayValue?.first?["pricing"])
      #expect(pricing["unit"]?.stringValue == "USD per million tokens")
      #expect(pricing["worst_case"]?["new"]?["model"]?.stringValue == "anthropic/claude-opus-4")
      #expect(pricing["primary"]?["old"]?["model"]?.stringValue == "openai/gpt-4o")
      #expect(pricing["before"]?.arrayValue?.count == 2)

      let markdown = await f.run(["plan", "-f", path, "--format", "markdown"])
      #expect(markdown.stdout.contains("#### Dynamic routes"))
      #expect(markdown.stdout.contains("worst case: openai/gpt-4o"), "\(markdown.stdout)")
    }
  }
}
