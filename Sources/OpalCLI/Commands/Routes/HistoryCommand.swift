import ArgumentParser
import Foundation
import OpalCore
import OpperAPI

/// `opal history`: what was deployed, version by version.
struct HistoryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "List the deployed versions of a dynamic route.",
    subcommands: [HistoryRouteCommand.self])
}

/// `opal history route NAME`: every version of the route, newest first, with its note.
struct HistoryRouteCommand: ReportingCommand {
  static let configuration = CommandConfiguration(
    commandName: "route",
    abstract: "List a dynamic route's versions, newest first, with their release notes.",
    discussion: """
      Every deploy (opal apply, the route builder, a rollback) makes a new immutable
      version; the one marked * is live. opal apply notes each version with the plan
      fingerprint (or --note). Needs the management key (OPPER_MANAGEMENT_KEY or
      --management-key-file).

      Examples:
        opal history route support
        opal rollback route support            # back to the version before the live one
      """)

  @Argument(help: ArgumentHelp("The route's name (called as dynamic/NAME).", valueName: "name"))
  var name: String

  @OptionGroup var output: OutputOptions
  @OptionGroup(title: "API") var api: APIOptions

  var outputFormat: OutputFormat { .text }

  func run(_ io: CommandOutput) async throws {
    let text = try await api.withClient(io.context, verbose: output.verbose) { client in
      try await api.withRoutesClient(io.context, beside: client) { routes -> String in
        guard let routes else { throw RouteCommandSupport.noManagementKey }
        let route = try await RouteCommandSupport.read(name, routes)
        let versions = try await RouteCommandSupport.call { () async throws(OpperAPIError) in
          try await routes.versions(name: name)
        }
        let active = route.detail.activeVersionNumber
        var out = "route \(TerminalText.escaped(name))  (dynamic/\(TerminalText.escaped(name)))\n"
        if versions.isEmpty { out += "  no version deployed yet\n" }
        for version in versions.prefix(10_000) {
          let mark = version.versionNumber == active ? "*" : " "
          let note = version.note.map { $0.isEmpty ? "" : "  " + TerminalText.escaped($0) } ?? ""
          out += " \(mark) v\(version.versionNumber)  \(version.createdAt ?? "")\(note)\n"
        }
        if active == 0 && !versions.isEmpty { out += "  (not deployed: no version is live)\n" }
        return out
      }
    }
    io.document(text)
  }
}

/// What the route commands share: the missing-key error and API errors as CLI errors.
enum RouteCommandSupport {
  static let noManagementKey = CLIError(
    "no management key: set OPPER_MANAGEMENT_KEY or pass --management-key-file",
    hint: "dynamic routes live at /management/v1 and need a management key; the project key is refused there")

  static func read(_ name: String, _ routes: DynamicRoutesClient) async throws -> RouteDetailAnswer {
    let found = try await call { () async throws(OpperAPIError) in try await routes.route(named: name) }
    guard let found else { throw CLIError("no dynamic route named '\(TerminalText.escaped(name))'") }
    return found
  }

  static func call<T>(_ body: () async throws(OpperAPIError) -> T) async throws(CLIError) -> T {
    do {
      return try await body()
    } catch {
      throw RemoteReads.cliError(error, management: true)
    }
  }
}
