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
      """
  )

  @OptionGroup var output: OutputOptions
  @OptionGroup var parallel: ParallelismOptions
  @OptionGroup(title: "API") var api: APIOptions

  @Option(
    name: [.customShort("o"), .customLong("out")],
    help: ArgumentHelp("Write to this file instead of stdout.", valueName: "path"))
  var outFile: String?

  @Option(name: .long, help: ArgumentHelp("Only aliases matching this glob (repeatable).", valueName: "glob"))
  var include: [String] = []

  @Option(
    name: .long, help: ArgumentHelp("Leave out aliases matching this glob (repeatable).", valueName: "glob"))
  var exclude: [String] = []

  /// export writes YAML; it has no `--format`.
  var outputFormat: OutputFormat { .text }

  func run(_ io: CommandOutput) async throws {
    let context = io.context
    let exporter: Exporter
    do {
      exporter = Exporter(
        include: include.isEmpty ? nil : try GlobSet(patterns: include),
        exclude: try GlobSet(patterns: exclude))
    } catch {
      throw CLIError("bad glob: \(error.message)")
    }
    let read = try await api.withClient(context, verbose: output.verbose, parallelism: parallel.parallelism) {
      client in
      let aliases = try await RemoteReads(client: client).aliases()
      let routes = try await api.withRoutesClient(context, beside: client) { routes -> [RemoteRoute]? in
        guard let routes else { return nil }
        let read = try await RemoteReads.routes(routes)
        return read
      }
      return (aliases, routes)
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
    if let outFile {
      do {
        try Data(result.yaml.utf8).write(to: URL(fileURLWithPath: outFile), options: .atomic)
      } catch {
        throw CLIError("cannot write \(outFile): \(error.localizedDescription)")
      }
      let routesNote = routeCount == 0 ? "" : " and \(routeCount) route\(routeCount == 1 ? "" : "s")"
      io.note("exported \(result.count) alias\(result.count == 1 ? "" : "es")\(routesNote) to \(outFile)")
    } else {
      io.document(result.yaml)
    }
  }
}
