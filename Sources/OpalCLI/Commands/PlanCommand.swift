import ArgumentParser
import Foundation
import OpalCore
import OpalReconcile

/// `opal plan`: read the live organization and show exactly what apply would change.
struct PlanCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Show what apply would change on the live organization.",
    discussion: """
      plan reads every remote alias in the file's scope (all pages), checks each
      model against the catalog, and diffs: + create, ~ update (description, chain
      hops added, removed or moved), → rename (renamed_from), - delete (prune
      only, never a protected name). There is no state file: the remote is the
      state.

      The fingerprint printed at the end identifies the config and the remote the
      plan was made from. Save the plan with -o and apply exactly it later (`opal
      apply plan.json`), or pass the fingerprint to `opal apply
      --expect-fingerprint`: both refuse if anything moved since.

      Examples:
        opal plan
        opal plan --format markdown > plan.md  # a PR comment
        opal plan --detailed-exitcode          # drift check: exit 2 on drift
        opal plan -o plan.json && opal apply plan.json
        opal plan --base origin/main           # in a PR: mark drift apart from the PR's changes
        opal plan --target 'team-a/*'          # only these aliases (an incident)

      With --base REF, the config as it was at git revision REF (the same -f
      paths, read with `git show`) is planned against the same remote; a change
      REF would make too is drift: "changed outside opal since REF: this PR
      reverts it", shown apart from the pull request's own changes.
      """
  )

  @OptionGroup var config: ConfigOptions
  @OptionGroup var output: OutputOptions
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Output format: text (for people), json (versioned, for tools) or markdown (a PR comment)."))
  var format: PlanFormat = .text
  @OptionGroup(title: "Safety") var safety: SafetyOptions
  @OptionGroup(title: "Catalog") var catalog: CatalogOptions
  @OptionGroup var parallel: ParallelismOptions
  @OptionGroup(title: "API") var api: APIOptions

  @Option(
    name: [.customShort("o"), .customLong("out")],
    help: ArgumentHelp("Save the plan to this file (JSON).", valueName: "path"))
  var planFile: String?

  @Flag(name: .long, help: "Exit 2 when there are changes (0: none, 1: error).")
  var detailedExitcode = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also plan the config as it was at this git revision and mark the changes it would make too as drift.",
      valueName: "ref"))
  var base: String?

  @Option(
    name: .long,
    help: ArgumentHelp("Limit the plan to aliases matching this glob (repeatable).", valueName: "name"))
  var target: [String] = []

  var outputFormat: OutputFormat { format.outputFormat }

  func validate() throws {
    try TargetGlobs.validate(target)
  }

  func run(_ io: CommandOutput) async throws {
    let destination = try planFile.map { path throws(CLIError) in
      try OutputPath.checked(path, flag: "-o", mixesWithStdout: true)
    }
    let paths = config.paths(io.context)
    let options = safety.planOptions(targets: target)
    let probe = PhaseProbe(io.context)
    let plan = try await api.withClient(
      io.context, verbose: output.verbose, parallelism: parallel.parallelism
    ) { client in
      try await api.withRoutesClient(io.context, beside: client) { routes in
        let stage = PlanningStage(
          io: io, options: options, catalogChecks: catalog.checkOptions,
          recordsDesired: format == .json || planFile != nil, routes: routes, probe: probe)
        var plan = try await stage.run(paths: paths, client: client)
        if let base {
          let basePlan = try await stage.basePlan(revision: base, paths: paths, client: client)
          DriftMarker.mark(&plan, base: basePlan, revision: base)
        }
        return plan
      }
    }
    io.document(renderer(io).render(plan))
    probe.mark("render")
    if let planFile, let destination {
      try OutputPath.write(String(decoding: PlanFile.encode(plan), as: UTF8.self), to: destination, io: io)
      io.note("plan saved to \(planFile); apply it with `opal apply \(planFile)`")
    }
    if let refusal = plan.refusal {
      throw CLIError(refusal.reason, hint: refusal.hint)
    }
    if detailedExitcode && plan.hasChanges { throw ExitCode(2) }
  }

  /// The renderer `--format` chose.
  private func renderer(_ io: CommandOutput) -> any DocumentRenderer<Plan> {
    switch format {
    case .text: TextPlanRenderer(style: io.style)
    case .json: JSONPlanRenderer()
    case .markdown: MarkdownPlanRenderer()
    }
  }
}
