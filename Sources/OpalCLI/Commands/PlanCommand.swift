import ArgumentParser
import Foundation
import OpalReconcile

/// `opal plan`: read the live organization and show exactly what apply would change.
struct PlanCommand: AsyncParsableCommand {
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
      """
  )

  @OptionGroup var config: ConfigOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup(title: "Safety") var safety: SafetyOptions
  @OptionGroup var parallel: ParallelismOptions
  @OptionGroup(title: "API") var api: APIOptions

  @Option(
    name: [.customShort("o"), .customLong("out")],
    help: ArgumentHelp("Save the plan to this file (JSON).", valueName: "path"))
  var planFile: String?

  @Flag(name: .long, help: "Exit 2 when there are changes (0: none, 1: error).")
  var detailedExitcode = false

  func run() async throws {
    let context = CommandContext.current
    let outcome = try await api.withClient(
      context, verbose: output.verbose, parallelism: parallel.parallelism
    ) { client in
      try await PlanningStage(context: context, output: output, safety: safety).run(
        paths: config.paths, client: client)
    }
    let plan = outcome.plan
    switch output.format {
    case .text: context.stdout(TextPlanRenderer(useColor: output.useColor(context)).render(plan))
    case .json: context.out(JSONPlanRenderer().render(plan))
    case .markdown: context.stdout(MarkdownPlanRenderer().render(plan))
    }
    if let planFile {
      do {
        try PlanFile.write(plan, to: planFile)
      } catch {
        throw CLIError("cannot write the plan to \(planFile): \(error)")
      }
      context.err("plan saved to \(planFile); apply it with `opal apply \(planFile)`")
    }
    if let refusal = plan.refusal {
      throw CLIError(refusal.reason, hint: refusal.hint)
    }
    if detailedExitcode && plan.hasChanges { throw ExitCode(2) }
  }
}
