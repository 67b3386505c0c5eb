import Logging

/// A swift-log handler that writes `opal: level: message` lines to the command context's stderr,
/// so `-v` output is captured in tests like everything else a command prints.
struct ContextLogHandler: LogHandler {
  var context: CommandContext
  var logLevel: Logger.Level
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    context.err("opal: \(event.level): \(event.message)")
  }

  /// A logger for the API client: debug with `-v`, warnings otherwise.
  static func logger(_ context: CommandContext, verbose: Bool) -> Logger {
    Logger(label: "opal") { _ in ContextLogHandler(context: context, logLevel: verbose ? .debug : .warning) }
  }
}
