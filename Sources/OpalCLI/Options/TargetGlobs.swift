import ArgumentParser
import OpalCore

/// `--target NAME` (plan, apply): alias names or globs the plan is limited to.
enum TargetGlobs {
  /// A usage error for a glob that does not compile.
  static func validate(_ targets: [String], flag: String = "--target") throws {
    do {
      _ = try GlobSet(patterns: targets)
    } catch {
      throw ValidationError("\(flag): \(error.message)")
    }
  }
}
