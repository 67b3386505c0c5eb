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
      (or those matching --include and not --exclude) and writes a config file
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
    help: ArgumentHelp("Write to this file instead of stdout.", valueName: "path"))
  var outFile: String?

  @Option(name: .long, help: ArgumentHelp("Only aliases matching this glob (repeatable).", valueName: "glob"))
  var include: [String] = []

  @Option(
    name: .long, help: ArgumentHelp("Leave out aliases matching this glob (repeatable).", valueName: "glob"))
  var exclude: [String] = []

  @Flag(name: .long, help: "Overwrite the -o file when it already exists.")
  var force = false

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
    if let outFile, !force, FileManager.default.fileExists(atPath: outFile) {
      throw CLIError(
        "\(outFile) already exists; export does not overwrite a file",
        hint: "pass --force to replace it, or choose another -o path")
    }
    let remote = try await api.withClient(context, verbose: output.verbose, parallelism: parallel.parallelism)
    { client in try await RemoteReads(client: client).aliases() }
    let result = exporter.export(remote, into: io.diagnostics)
    if result.count == 0, !include.isEmpty {
      io.diagnostics.emit(
        .warning(
          "no remote alias matched the export's globs (--include \(include.joined(separator: ", ")))",
          hint: "check the globs: `*` also matches across `/`, and names are case-sensitive"))
    }
    if io.diagnostics.warningCount > 0 { io.summary() }
    if let outFile {
      do {
        try Data(result.yaml.utf8).write(to: URL(fileURLWithPath: outFile), options: .atomic)
      } catch {
        throw CLIError("cannot write \(outFile): \(error.localizedDescription)")
      }
      io.note("exported \(result.count) alias\(result.count == 1 ? "" : "es") to \(outFile)")
    } else {
      io.document(result.yaml)
    }
  }
}
