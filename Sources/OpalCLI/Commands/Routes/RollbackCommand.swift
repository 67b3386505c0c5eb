import ArgumentParser
import Foundation
import OpalCore
import OpperAPI

/// `opal rollback`: put an earlier state back.
struct RollbackCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rollback",
    abstract: "Put back what an apply changed (from its snapshot), or a route's earlier version.",
    discussion: """
      opal rollback SNAPSHOT     put back what an apply changed, from its snapshot
      opal rollback route NAME   make an earlier version of a route live again
      """,
    subcommands: [RollbackSnapshotCommand.self, RollbackRouteCommand.self],
    defaultSubcommand: RollbackSnapshotCommand.self)
}

/// `opal rollback route NAME [--to N]`: the server's rollback, which deploys version N's graph
/// as a new version (so the rollback itself is in the history) and leaves the draft alone.
struct RollbackRouteCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "route",
    abstract: "Deploy an earlier version of a dynamic route again, as a new version.",
    discussion: """
      Callers of dynamic/NAME get version N's graph from the next request on. Nothing
      is deleted: the rollback is recorded as a new version (see `opal history route
      NAME`), and the route's draft is left as it is. Without --to, the version
      before the live one. Your config still says what it said: run `opal plan`
      afterwards — it shows the config's graph as a change until the file matches
      what you rolled back to (or you apply the file again).

      Examples:
        opal history route support
        opal rollback route support            # the version before the live one
        opal rollback route support --to 3 --note "incident 42: v5 drops EU"
      """)

  @Argument(help: ArgumentHelp("The route's name (called as dynamic/NAME).", valueName: "name"))
  var name: String

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The version to go back to (default: the one before the live one).", valueName: "version"))
  var to: Int?

  @Option(name: .long, help: ArgumentHelp("The release note of the new version.", valueName: "text"))
  var note: String?

  @OptionGroup var output: OutputOptions
  @OptionGroup(title: "API") var api: APIOptions

  var outputFormat: OutputFormat { .text }

  func validate() throws {
    if let to, to < 1 { throw ValidationError("--to must be a version number, 1 or more") }
  }

  func run(_ io: CommandOutput) async throws {
    let text = try await api.withClient(io.context, verbose: output.verbose) { client in
      try await api.withRoutesClient(io.context, beside: client) { routes -> String in
        guard let routes else { throw RouteCommandSupport.noManagementKey }
        let route = try await RouteCommandSupport.read(name, routes)
        let active = route.detail.activeVersionNumber
        let versions = try await RouteCommandSupport.call { () async throws(OpperAPIError) in
          try await routes.versions(name: name)
        }
        let target: Int
        if let to {
          guard versions.contains(where: { $0.versionNumber == to }) else {
            throw CLIError(
              "route '\(TerminalText.escaped(name))' has no version \(to)",
              hint: "list them with `opal history route \(name)`")
          }
          target = to
        } else {
          guard let previous = versions.map(\.versionNumber).filter({ $0 < active }).max() else {
            throw CLIError(
              "route '\(TerminalText.escaped(name))' has no version before the live one (v\(active))",
              hint: "name one with --to; see `opal history route \(name)`")
          }
          target = previous
        }
        let answer = try await RouteCommandSupport.call { () async throws(OpperAPIError) in
          try await routes.rollback(name: name, to: target, note: note ?? "opal rollback to v\(target)")
        }
        let made = answer.meta.deployedVersion?.versionNumber ?? answer.detail.activeVersionNumber
        return "rolled back route \(TerminalText.escaped(name)) to v\(target): live as new version v\(made)"
          + " (was v\(active))\n"
      }
    }
    io.document(text)
  }
}
