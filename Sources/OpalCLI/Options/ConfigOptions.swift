import ArgumentParser

/// Which config files to read: `-f/--file`, repeatable; default `OPAL_FILES` (colon-separated)
/// or `opal.yaml`.
struct ConfigOptions: ParsableArguments {
  @Option(
    name: [.short, .customLong("file")],
    help: ArgumentHelp(
      "A config file or a folder of *.yaml/*.yml files (repeatable). Default: $OPAL_FILES (colon-separated), else opal.yaml.",
      valueName: "path"))
  var files: [String] = []

  /// The paths from `OPAL_FILES`, colon-separated, empty entries dropped.
  static func environmentPaths(_ context: CommandContext) -> [String] {
    (context.environment["OPAL_FILES"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
  }

  /// True when paths were given, by `-f` or `OPAL_FILES`.
  func isGiven(_ context: CommandContext) -> Bool {
    !files.isEmpty || !Self.environmentPaths(context).isEmpty
  }

  /// The paths to load: the given ones, else `OPAL_FILES`, else `opal.yaml`.
  func paths(_ context: CommandContext) -> [String] {
    if !files.isEmpty { return files }
    let fromEnvironment = Self.environmentPaths(context)
    return fromEnvironment.isEmpty ? ["opal.yaml"] : fromEnvironment
  }
}
