import ArgumentParser
import OpalConfig
import OpalCore
import OpalReconcile
import OpperAPI

/// `opal validate`: check config files offline, and against the live catalog with `--online`.
struct ValidateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check config files and report every problem at once.",
    discussion: """
      Offline, validate checks the YAML itself (syntax, duplicate keys, anchors),
      the schema (unknown keys with a did-you-mean, types), names, chains, globs,
      regexes and schemas. With --online it also checks every model of every chain
      against the API's catalog (GET /models and custom models) and that no chain
      names an alias.

      Every problem is printed as file:line:column with a hint where one exists;
      under GitHub Actions they also become annotations on the pull request. Exit
      0 when clean, 1 otherwise.

      Examples:
        opal validate
        opal validate -f aliases/ --format json
        OPPER_API_KEY=... opal validate --online
      """
  )

  @OptionGroup var config: ConfigOptions
  @OptionGroup var output: OutputOptions
  @Flag(name: .long, help: "Also check each model against the API's catalog (needs the API key).")
  var online = false
  @OptionGroup(title: "API (with --online)") var api: APIOptions

  func run() async throws {
    let context = CommandContext.current
    let result = ConfigLoader().load(paths: config.paths)
    var diagnostics = result.diagnostics
    if online, let state = result.state {
      diagnostics += try await onlineDiagnostics(state, context)
    }
    let errors = diagnostics.count { $0.severity == .error }
    let warnings = diagnostics.count { $0.severity == .warning }
    switch output.format {
    case .json:
      context.out(
        DiagnosticsJSON(
          diagnostics: diagnostics, files: result.state?.files ?? config.paths,
          aliasCount: result.state?.aliases.count
        ).render())
      if context.isGitHubActions {
        for d in diagnostics { context.err(GitHubAnnotation.line(for: d)) }
      }
    case .text, .markdown:
      DiagnosticPrinter(context: context, useColor: output.useColorOnStderr(context)).printText(diagnostics)
      if errors == 0, let state = result.state {
        let files = state.files.count
        context.out(
          "ok: \(state.aliases.count) alias\(state.aliases.count == 1 ? "" : "es") in \(files) "
            + "file\(files == 1 ? "" : "s")\(online ? ", every model checked online" : "")"
            + (warnings > 0 ? " (\(DiagnosticPrinter.summary(errors: 0, warnings: warnings)))" : ""))
      } else {
        context.err(DiagnosticPrinter.summary(errors: errors, warnings: warnings))
      }
    }
    if errors > 0 { throw ExitCode.failure }
  }

  private func onlineDiagnostics(_ state: DesiredState, _ context: CommandContext) async throws
    -> [Diagnostic]
  {
    try await api.withClient(context, verbose: output.verbose) { client in
      let remote = try await RemoteReads(client: client).everything()
      return OnlineValidator(
        models: remote.models, customModels: remote.customModels, remoteAliases: remote.aliases
      ).validate(state)
    }
  }
}
