import ArgumentParser
import OpalConfig
import OpalCore
import OpalReconcile

/// `opal impact --down PROVIDER|MODEL[,…]`: which chains an outage would leave with no model.
struct ImpactCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "impact",
    abstract: "Show which aliases and routes an outage of providers or models would take down.",
    discussion: """
      impact takes the chains of the config (-f) and an outage (--down) and tells,
      for every alias and every dynamic route, which hops would still answer. A
      route is judged per fallback branch of its graph (dynamic/NAME branch N), as
      a request sent down a dead branch fails. Chains left with no hop at all are
      listed first, then degraded ones; the exit code is 1 when any chain has no
      hop left, so CI can hold the org to "no single provider outage takes down a
      chain":

        opal impact --down anthropic                 # a provider (every hop it hosts)
        opal impact --down openai/gpt-4o,aws/claude-*  # models, globs allowed
        opal impact --down anthropic --down openai   # several at once
        opal impact --down gcp --format json         # for tools

      An item with a '/' names models; one without names a provider (the part of
      the model name before the first '/', or the catalog's provider with
      --online). Offline by default: no key needed. With --online the catalog
      (GET /v3/models) also counts hops the org's policy blocks as down. With
      --live the aliases judged are those the organization holds now, not the
      config's (for a nightly job on what is deployed), and with a management key
      (OPPER_MANAGEMENT_KEY) the routes' live versions too.

      Exit codes: 0 every chain keeps a hop, 1 some chain has none (or an error).
      """
  )

  @OptionGroup var config: ConfigOptions
  @OptionGroup var output: OutputOptions
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Providers or models (globs) to take down, comma-separated; repeatable.", valueName: "provider|model"))
  var down: [String] = []
  @Option(name: .long, help: ArgumentHelp("Output format: text (for people) or json (versioned, for tools)."))
  var format: ImpactFormat = .text
  @Flag(name: .long, help: "Read the catalog for providers and policy blocks (needs the API key).")
  var online = false
  @Flag(
    name: .long,
    help:
      "Judge the aliases (and, with a management key, routes) live in the organization instead of the config's (implies --online)."
  )
  var live = false
  @OptionGroup(title: "API (with --online)") var api: APIOptions

  var outputFormat: OutputFormat { format.outputFormat }

  func validate() throws {
    do {
      _ = try OutageScenario(parsing: down)
    } catch {
      throw ValidationError(error.description)
    }
  }

  func run(_ io: CommandOutput) async throws {
    let scenario = try OutageScenario(parsing: down)
    let desired = live ? nil : try ConfigStage(io: io).loadValid(config.paths(io.context))
    var catalog = ModelCatalog([])
    var chains = desired.map { CatalogChain.all(of: $0) } ?? []
    if online || live {
      let (remote, routes) = try await api.withClient(io.context, verbose: output.verbose) { client in
        let state = try await RemoteReads(client: client).state()
        guard live else { return (state, [RemoteRoute]()) }
        let routes = try await api.withRoutesClient(io.context, beside: client) { routes in
          guard let routes else { return [RemoteRoute]() }
          return try await RemoteReads.routes(routes)
        }
        return (state, routes)
      }
      catalog = remote.models
      if live { chains = remote.aliases.map(CatalogChain.live) + routes.flatMap(CatalogChain.live) }
    }
    let report = ImpactReport(chains: chains, scenario: scenario, catalog: catalog)
    switch format {
    case .text: io.document(ImpactTextRenderer(style: io.style).render(report))
    case .json: io.document(ImpactJSONRenderer().render(report))
    }
    if report.deadCount > 0 { throw ExitCode.failure }
  }
}
