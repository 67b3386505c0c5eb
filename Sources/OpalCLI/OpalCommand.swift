import ArgumentParser

/// The root `opal` command: Opper model aliases as code.
public struct OpalCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "opal",
    abstract: "Keep Opper model aliases in git and reconcile the live API to them.",
    discussion: """
      An alias is a name (sonnet4) that resolves to an ordered chain of models
      tried in turn. opal reads the aliases you want from YAML (opal.yaml, or
      -f FILE/FOLDER) and:

        validate   checks the file offline (and the models online with --online)
        plan       shows exactly what would change on the live organization
        apply      makes the organization match the file, safely
        show       renders a plan saved with plan -o (text, markdown, json)
        export     writes the aliases that exist today as a config file
        smoke      calls every alias for real and proves each chain answers
        impact     shows which aliases an outage (--down PROVIDER) would take down
        emulator   runs a local Opper API for offline use and CI
        history    lists a dynamic route's versions (history route NAME)
        rollback   puts back what an apply changed (rollback SNAPSHOT), or a route's
                   earlier version (rollback route NAME)
        migrate    writes dynamic routes equivalent to declared aliases

      The API key is read from OPPER_API_KEY (or --api-key-file); the API from
      --base-url or OPPER_BASE_URL. Dynamic routes (routes: in the file) need the
      management key, OPPER_MANAGEMENT_KEY (or --management-key-file). Exit codes: 0 success, 1 error, 2 changes
      (plan --detailed-exitcode), 130 interrupted.
      """,
    version: OpalVersion.current,
    subcommands: [
      ValidateCommand.self, PlanCommand.self, ApplyCommand.self, ShowCommand.self, ExportCommand.self,
      SmokeCommand.self, ImpactCommand.self, EmulatorCommand.self, HistoryCommand.self,
      RollbackCommand.self, MigrateCommand.self,
    ]
  )
  public init() {}
}

/// The version printed by `opal --version`.
enum OpalVersion {
  static let current = "0.1.0"
}
