import ArgumentParser
import Foundation
import OpalConfig
import OpalCore
import OpalReconcile

/// `opal migrate NAME…`: write equivalent dynamic routes for declared aliases.
struct MigrateCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Write dynamic routes equivalent to declared aliases (the aliases stay).",
    discussion: """
      Opper builds new fallback chains as dynamic routes. migrate reads the config
      and writes, for each alias named (globs work), a routes: entry with the same
      chain: paste it into the config (or write it with -o), then `opal plan` shows
      the routes to create. The aliases are left in place, so nothing breaks while
      callers move; stderr lists each caller change, e.g.
        "model": "sonnet4" → "model": "dynamic/sonnet4"
      Remove an alias from the config once no caller uses it.

      Examples:
        opal migrate sonnet4
        opal migrate 'team-a/*' -o routes.yaml
      """)

  @Argument(help: ArgumentHelp("Alias names or globs to migrate.", valueName: "name"))
  var names: [String]

  @OptionGroup var config: ConfigOptions
  @OptionGroup var output: OutputOptions

  @Option(
    name: [.customShort("o"), .customLong("out")],
    help: ArgumentHelp("Write the routes to this file instead of stdout.", valueName: "path"))
  var outFile: String?

  var outputFormat: OutputFormat { .text }

  func validate() throws {
    guard !names.isEmpty else { throw ValidationError("name at least one alias to migrate") }
  }

  func run(_ io: CommandOutput) async throws {
    let state = try ConfigStage(io: io).loadValid(config.paths(io.context))
    let patterns: GlobSet
    do {
      patterns = try GlobSet(patterns: names)
    } catch {
      throw CLIError("bad glob: \(error.message)")
    }
    let selected = state.aliases.filter { patterns.matches($0.name) }.sorted { $0.name < $1.name }
    guard !selected.isEmpty else {
      throw CLIError(
        "no declared alias matches \(names.joined(separator: ", "))", hint: "see the aliases: section")
    }
    let migration = RouteMigration(aliases: selected, existingRoutes: Set(state.routes.map(\.name)))
    if let outFile {
      do {
        try Data(migration.yaml.utf8).write(to: URL(fileURLWithPath: outFile), options: .atomic)
      } catch {
        throw CLIError("cannot write \(outFile): \(error.localizedDescription)")
      }
      io.note(
        "wrote \(migration.entries.count) route\(migration.entries.count == 1 ? "" : "s") to \(outFile)")
    } else {
      io.document(migration.yaml)
    }
    for line in migration.callerChanges { io.note("callers: " + TerminalText.escaped(line)) }
  }
}
