import ArgumentParser
import Foundation
import OpalCore
import OpalSmoke

/// `opal smoke`: call every alias for real and prove each chain answers.
struct SmokeCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "smoke",
    abstract: "Call every alias for real and check the answers.",
    discussion: """
      For each alias (or those matching --alias), each smoke case of the config
      (merged over smoke_defaults; one default case when an alias has none) is
      sent to POST /call with the alias as the model. The span and trace of the
      call then say which model served and what failed before it, so a fallback
      that saved the call is shown, not hidden.

      Expectations: the call succeeds; contains, not_contains, matches;
      json_schema (or the case's output_schema) validates the JSON answer;
      max_latency_ms; served_by (first, any or a model); max_cost_usd.

      --each-hop also proves every fallback edge of each route's live version with
      simulate (each model node forced to fail must hand over to the next), and
      calls every model of each chain alone, so a dead fallback is
      found before an outage needs it. --budget-usd stops starting calls once the
      reported cost reaches it.

      Examples:
        opal smoke
        opal smoke --alias 'team-a/*' --each-hop
        opal smoke --junit smoke.xml --format json > smoke.json
        opal smoke --format markdown > smoke.md   # a pull-request comment
      Exit 0 when every case passes, 1 otherwise.
      """
  )

  @OptionGroup var config: ConfigOptions
  @OptionGroup var output: OutputOptions
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Output format: text (for people), json (versioned, for tools) or markdown (a pull-request comment)."))
  var format: SmokeFormat = .text
  @OptionGroup var parallel: ParallelismOptions
  @OptionGroup(title: "API") var api: APIOptions

  @Option(
    name: .long,
    help: ArgumentHelp("Only aliases matching this name or glob (repeatable).", valueName: "name"))
  var alias: [String] = []

  @Flag(name: .long, help: "Also call every model of each chain alone and report each hop.")
  var eachHop = false

  @Option(
    name: .long,
    help: ArgumentHelp("Stop starting calls once their cost reaches this many USD.", valueName: "usd"))
  var budgetUsd: Double?

  @Option(
    name: .long,
    help: ArgumentHelp("Also write a JUnit XML report here (for CI test tabs).", valueName: "path"))
  var junit: String?

  func validate() throws {
    if let budgetUsd, !(budgetUsd.isFinite && budgetUsd > 0) {
      throw ValidationError("--budget-usd must be a number greater than 0 (got \(budgetUsd))")
    }
  }

  var outputFormat: OutputFormat { format.outputFormat }

  func run(_ io: CommandOutput) async throws {
    // Checked before any paid call: a report that cannot be written is found out now.
    let junitFile = try junit.map { path throws(CLIError) in
      try OutputPath.checked(path, flag: "--junit", mixesWithStdout: true)
    }
    let context = io.context
    let desired = try ConfigStage(io: io).loadValid(config.paths(io.context))
    let filter: GlobSet?
    do {
      filter = alias.isEmpty ? nil : try GlobSet(patterns: alias)
    } catch {
      throw CLIError("--alias: \(error.message)")
    }
    let options = SmokeOptions(
      aliasFilter: filter, parallelism: parallel.parallelism,
      perCallTimeout: api.timeoutDuration, budgetUSD: budgetUsd, eachHop: eachHop)
    let progress = ProgressLine(context: context, enabled: true)
    var edgeFindings: [RouteEdgeCheck.Finding] = []
    let report = try await api.withClient(context, verbose: output.verbose, parallelism: parallel.parallelism)
    { client in
      // The live chains, not the file's: what callers get is what is judged.
      let remote = try await RemoteReads(client: client).aliases()
      let judged = LiveChains.apply(desired, remote: remote, filter: filter, into: io.diagnostics)
      let targets = judged.aliases.map(\.name) + judged.routes.map(\.invocationModel)
      if let filter, !targets.contains(where: { filter.matches($0) }) {
        throw CLIError(
          "--alias \(alias.joined(separator: ", ")) matches no alias or route of the config or the remote",
          hint: "declared: \(desired.aliases.prefix(8).map(\.name).joined(separator: ", "))")
      }
      if eachHop && !desired.routes.isEmpty {
        let routes = desired.routes.filter { filter?.matches($0.invocationModel) ?? true }
        edgeFindings = try await api.withRoutesClient(context, beside: client) { routesClient in
          guard let routesClient else {
            io.note("routes: set OPPER_MANAGEMENT_KEY to prove their fallback edges with simulate")
            return []
          }
          let found = await RouteEdgeCheck(api: routesClient).run(routes)
          return found
        }
      }
      let runner = SmokeRunner(
        api: client, options: options,
        progress: { event in
          guard case .finished(let alias, let item, let verdict) = event.event else { return }
          progress.update(
            completed: event.completed, total: event.total, failed: 0,
            label: TerminalText.escaped("\(alias) \(item): \(verdict)"))
        })
      let running = Task { await runner.run(judged) }
      InterruptSignal.current?.onInterrupt { running.cancel() }
      let report = await running.value
      progress.finish()
      return report
    }
    let renderer: any DocumentRenderer<SmokeReport> =
      switch format {
      case .json: SmokeJSONRenderer()
      case .markdown: SmokeMarkdownRenderer()
      case .text: SmokeTextRenderer(style: io.style)
      }
    io.document(renderer.render(report))
    if format != .text {
      // Machine output stays on stdout; what stopped the run is said on stderr as well.
      for error in report.errors { io.note("error: \(error)") }
    }
    if let junitFile {
      try OutputPath.write(SmokeJUnitRenderer().render(report), to: junitFile, io: io)
    }
    for finding in edgeFindings where !finding.passed { io.diagnostics.emit(.error(finding.message)) }
    let proven = edgeFindings.filter(\.passed).count
    if !edgeFindings.isEmpty {
      io.note("route fallback edges proven with simulate: \(proven) of \(edgeFindings.count)")
    }
    if InterruptSignal.current?.isInterrupted == true { throw ExitCode(130) }
    if !report.passed || proven < edgeFindings.count { throw ExitCode.failure }
  }
}
