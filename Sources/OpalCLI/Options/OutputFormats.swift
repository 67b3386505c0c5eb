import ArgumentParser

/// What a command prints on stdout, whichever `--format` enum it was chosen with.
enum OutputFormat: String, Sendable {
  case text, json, markdown
}

/// A `--format` enum: each command offers only the formats it prints, so `--help` lists exactly
/// those and ArgumentParser rejects the others with the list of valid values.
protocol FormatChoice: ExpressibleByArgument, CaseIterable, RawRepresentable<String>, Sendable {}

extension FormatChoice {
  /// The format this choice prints.
  var outputFormat: OutputFormat { OutputFormat(rawValue: rawValue) ?? .text }
}

/// `opal validate --format`.
enum ValidateFormat: String, FormatChoice {
  case text, json
}

/// `opal plan --format`.
enum PlanFormat: String, FormatChoice {
  case text, json, markdown
}

/// `opal apply --format`.
enum ReportFormat: String, FormatChoice {
  case text, json
}

/// `opal smoke --format`: Markdown for a pull-request comment as well.
enum SmokeFormat: String, FormatChoice {
  case text, json, markdown
}

/// `opal impact --format`.
enum ImpactFormat: String, FormatChoice {
  case text, json
}
