import ArgumentParser
import OpalConfig
import OpalCore
import OpalReconcile
import OpperAPI
import Synchronization

/// `opal validate`: check config files offline, and against the live catalog with `--online`.
struct ValidateCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check config files and report every problem at once.",
    discussion: """
      Offline, validate checks the YAML itself (syntax, duplicate keys, anchors),
      the schema (unknown keys with a did-you-mean, types), names, chains, globs,
      regexes and schemas. With --online it also checks every model of every chain
      against the API's catalog (GET /models and custom models) and that no chain
      names an alias, and the catalog's facts (GET /v3/models): a retired model is
      an error naming its successor, one retiring within --retire-warn-days (30) a
      warning, a model the org's policy blocks an error, and a fallback that lacks
      a capability of the primary or has a smaller context window a warning.

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
  @Option(name: .long, help: ArgumentHelp("Output format: text (for people) or json (versioned, for tools)."))
  var format: ValidateFormat = .text
  @Flag(
    name: .long,
    help: "Also check each model, smoke model and served_by against the API's catalog (needs the API key).")
  var online = false
  @OptionGroup(title: "API (with --online)") var api: APIOptions
  @OptionGroup(title: "Catalog (with --online)") var catalog: CatalogOptions

  var outputFormat: OutputFormat { format.outputFormat }
  /// The JSON document lists the diagnostics; text prints them on stderr.
  var printsDiagnosticText: Bool { format == .text }

  func run(_ io: CommandOutput) async throws {
    let state = ConfigLoader().load(paths: config.paths(io.context), into: io.diagnostics)
    if online, let state {
      try await checkOnline(state, io)
    } else if let state, !state.policies.isEmpty {
      // Offline, the policy rules that need no catalog still hold: min_providers (a hop's
      // provider is its name's prefix). The others wait for --online.
      PolicyChecker(policies: state.policies, catalog: ModelCatalog([]))
        .check(CatalogChain.all(of: state), into: io.diagnostics)
    }
    let diagnostics = io.diagnostics
    switch format {
    case .json:
      io.documentLine(
        DiagnosticsJSON(
          diagnostics: io.keptDiagnostics, files: state?.files ?? config.paths(io.context),
          aliasCount: state?.aliases.count
        ).render())
    case .text:
      if !diagnostics.hasErrors, let state {
        let files = state.files.count
        io.documentLine(
          "ok: \(state.aliases.count) alias\(state.aliases.count == 1 ? "" : "es") in \(files) "
            + "file\(files == 1 ? "" : "s")\(online ? ", every model checked online" : "")"
            + (diagnostics.warningCount > 0 ? " (\(diagnostics.summary))" : ""))
      } else {
        io.summary()
      }
    }
    // Freeing a big config costs time at the end of every run (~24 M instructions for 10,000
    // aliases) that a process about to `exit` does not need: the last state loaded is kept.
    Self.lastState.withLock { $0 = state }
    if diagnostics.hasErrors { throw ExitCode.failure }
  }

  /// The last state loaded, kept until the next validate or the process's `exit` (OpalMain
  /// exits once every output is written), so a run does not free it piece by piece just before.
  private static let lastState = Mutex<DesiredState?>(nil)

  private func checkOnline(_ state: DesiredState, _ io: CommandOutput) async throws {
    let read = try await api.withClient(io.context, verbose: output.verbose) { client in
      try await RemoteReads(client: client).state()
    }
    // A hop naming a custom model this config declares counts: apply creates it first.
    let remote = read.declaring(state)
    OnlineValidator(remote: remote).validate(state, into: io.diagnostics)
    SmokeCatalogCheck(remote: remote).validate(state, into: io.diagnostics)
    if let warning = remote.catalogWarning { io.diagnostics.emit(warning) }
    // No plan here: every hop counts as changed, so a retired or blocked hop is an error.
    ChainChecks(catalog: remote.models, policies: state.policies, options: catalog.checkOptions)
      .check(CatalogChain.all(of: state), into: io.diagnostics)
    RouteModelValidator(remote: remote).validate(state, into: io.diagnostics)
  }
}
