import ArgumentParser
import Foundation
import OpalCore
import OpalReconcile

/// `opal export`: write the aliases that exist today as a config file that round-trips.
struct ExportCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the remote aliases as an opal config file.",
    discussion: """
      export adopts what already exists: it reads every alias of the organization
      (or those matching --include and not --exclude) — and, with a management
      key (OPPER_MANAGEMENT_KEY), every dynamic route: a live chain as models:,
      any other graph as graph: — and writes a config file
      that round-trips, so `opal export -o opal.yaml && opal plan` shows no
      changes. The order is stable (by name), the file has no comments, and it
      validates against schemas/opal.schema.json.

      Examples:
        opal export -o opal.yaml
        opal export --include 'team-a/*' > team-a.yaml

      The file states the scope it covers (scope.include: the --include globs,
      or ["*"] for everything) and prune: true, so removing an alias from it
      later plans that alias's deletion. -o refuses to replace an existing file
      unless --force.
      """
  )

  @OptionGroup var output: OutputOptions
  @OptionGroup var parallel: ParallelismOptions
  @OptionGroup(title: "API") var api: APIOptions

  @Option(
    name: [.customShort("o"), .customLong("out")],
    help: ArgumentHelp("Write to this file instead of stdout (- is stdout).", valueName: "path"))
  var outFile: String?

  @Option(name: .long, help: ArgumentHelp("Only aliases matching this glob (repeatable).", valueName: "glob"))
  var include: [String] = []

  @Option(
    name: .long, help: ArgumentHelp("Leave out aliases matching this glob (repeatable).", valueName: "glob"))
  var exclude: [String] = []

  @Flag(
    name: .long,
    help: "Exit 0 even when remote aliases that opal's rules reject were skipped (each is still named).")
  var skipInvalid = false

  @Flag(name: .long, help: "Overwrite the -o file when it already exists.")
  var force = false

  /// export writes YAML; it has no `--format`.
  var outputFormat: OutputFormat { .text }

  func run(_ io: CommandOutput) async throws {
    let context = io.context
    let destination = try outFile.map { path throws(CLIError) in try OutputPath.checked(path, flag: "-o") }
    let exporter: Exporter
    do {
      exporter = Exporter(
        include: include.isEmpty ? nil : try GlobSet(patterns: include),
        exclude: try GlobSet(patterns: exclude))
    } catch {
      throw CLIError("bad glob: \(error.message)")
    }
    // A regular file is not replaced without --force (a device or FIFO is written in place).
    if let outFile, !force, case .file(let existing)? = destination?.target,
      FileManager.default.fileExists(atPath: existing)
    {
      throw CLIError(
        "\(outFile) already exists; export does not overwrite a file",
        hint: "pass --force to replace it, or choose another -o path")
    }
    let read = try await api.withClient(context, verbose: output.verbose, parallelism: parallel.parallelism) {
      client in
      let aliases = try await RemoteReads(client: client).aliases()
      let customModels = try await RemoteReads(client: client).customModels()
      let routes = try await api.withRoutesClient(context, beside: client) { routes -> [RemoteRoute]? in
        guard let routes else { return nil }
        let read = try await RemoteReads.routes(routes)
        return read
      }
      return (aliases, routes, customModels)
    }
    let remote = read.0
    let routes = read.1
    var result = exporter.export(remote, into: io.diagnostics)
    var routeCount = 0
    if let routes {
      let section = RouteExporter(include: exporter.include, exclude: exporter.exclude).section(routes)
      result.yaml += section.yaml
      routeCount = section.count
      for warning in section.warnings { io.diagnostics.emit(.warning(warning)) }
    }
    let models = CustomModelExporter(include: exporter.include, exclude: exporter.exclude).section(read.2)
    result.yaml += models.yaml
    for warning in models.warnings { io.diagnostics.emit(.warning(warning)) }
    if result.count == 0, !include.isEmpty {
      io.diagnostics.emit(
        .warning(
          "no remote alias matched the export's globs (--include \(include.joined(separator: ", ")))",
          hint: "check the globs: `*` also matches across `/`, and names are case-sensitive"))
    }
    if io.diagnostics.warningCount > 0 { io.summary() }
    if let destination, let outFile, destination.target != .standardOutput {
      try OutputPath.write(result.yaml, to: destination, io: io)
      var parts = ["\(result.count) alias\(result.count == 1 ? "" : "es")"]
      if routeCount > 0 { parts.append("\(routeCount) route\(routeCount == 1 ? "" : "s")") }
      if models.count > 0 {
        parts.append(
          "\(models.count) custom model\(models.count == 1 ? "" : "s") (keys as {env: …} placeholders)")
      }
      let listed =
        parts.count == 1
        ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
      io.note("exported \(listed) to \(outFile)")
    } else {
      io.document(result.yaml)
    }
    if !result.skipped.isEmpty && !skipInvalid {
      throw CLIError(
        "\(result.skipped.count) remote alias\(result.skipped.count == 1 ? " was" : "es were") skipped: "
          + "opal's rules reject \(result.skipped.count == 1 ? "it" : "them") (see the warnings)",
        hint: "fix them in the console, or pass --skip-invalid to export the rest and exit 0")
    }
  }
}
