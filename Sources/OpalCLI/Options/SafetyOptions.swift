import ArgumentParser
import OpalReconcile

/// The delete-safety flags of SPEC §4, shared by plan and apply.
struct SafetyOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Refuse a plan with more deletes than this. Default: 10% of the aliases in scope, at least 3.",
      valueName: "n"))
  var maxDelete: Int?

  @Flag(name: .long, help: "Accept a plan whose deletes exceed --max-delete.")
  var force = false

  @Flag(name: .long, help: "Allow prune with an empty alias list (deletes everything in scope).")
  var allowEmpty = false

  func validate() throws {
    if let maxDelete, maxDelete < 0 { throw ValidationError("--max-delete must be 0 or more") }
  }

  /// The flags as the library's plain options.
  var planOptions: PlanOptions { planOptions(targets: []) }

  /// The flags as the library's plain options, limited to `--target` globs.
  func planOptions(targets: [String]) -> PlanOptions {
    PlanOptions(maxDelete: maxDelete, force: force, allowEmpty: allowEmpty, targets: targets)
  }
}
