import ArgumentParser
import OpalReconcile

/// The catalog-check flags of SPEC §14, shared by validate --online, plan and apply.
struct CatalogOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Warn about a hop whose model retires within this many days (retired models are errors).",
      valueName: "days"))
  var retireWarnDays = 30

  func validate() throws {
    if retireWarnDays < 0 { throw ValidationError("--retire-warn-days must be 0 or more") }
  }

  /// The flags as the library's plain options (now: the wall clock).
  var checkOptions: CatalogCheckOptions { CatalogCheckOptions(retireWarnDays: retireWarnDays) }
}
