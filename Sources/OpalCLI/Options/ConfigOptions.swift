import ArgumentParser

/// Which config files to read: `-f/--file`, repeatable.
struct ConfigOptions: ParsableArguments {
  @Option(
    name: [.short, .customLong("file")],
    help: ArgumentHelp(
      "A config file or a folder of *.yaml/*.yml files (repeatable). Default: opal.yaml.",
      valueName: "path"))
  var files: [String] = []

  /// The paths to load: the given ones, or `opal.yaml`.
  var paths: [String] { files.isEmpty ? ["opal.yaml"] : files }
}
