import ArgumentParser
import OpalCore
import OpalReconcile

/// `opal show plan.json`: render a saved plan again, offline, in any plan format.
struct ShowCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Render a plan saved by `opal plan -o`.",
    discussion: """
      show reads a plan file and prints it as plan would have: text for people,
      markdown for a pull-request comment, or the JSON document. It reads no
      config and calls no API.

      Examples:
        opal show plan.json
        opal show plan.json --format markdown > plan.md
      """
  )

  @Argument(help: ArgumentHelp("A plan saved by `opal plan -o`.", valueName: "plan-file"))
  var planFile: String

  @OptionGroup var output: OutputOptions
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Output format: text (for people), json (versioned, for tools) or markdown (a PR comment)."))
  var format: PlanFormat = .text

  var outputFormat: OutputFormat { format.outputFormat }

  func run(_ io: CommandOutput) async throws {
    let plan: Plan
    do {
      plan = try PlanFile.read(from: planFile)
    } catch {
      throw CLIError(error.description, hint: "save a plan with `opal plan -o \(planFile)`")
    }
    let renderer: any DocumentRenderer<Plan> =
      switch format {
      case .text: TextPlanRenderer(style: io.style)
      case .json: JSONPlanRenderer()
      case .markdown: MarkdownPlanRenderer()
      }
    io.document(renderer.render(plan))
  }
}
