import ArgumentParser
import Foundation
import OpperAPI
import OpperEmulator

/// `opal emulator`: a faithful local Opper API on loopback, for offline use and CI.
struct EmulatorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "emulator",
    abstract: "Run a local Opper API: aliases, models, calls with fallback, traces and faults.",
    discussion: """
      The emulator serves the Opper v2 API under http://HOST:PORT/v2 and the
      model catalog at /v3/models, so every opal command
      (and any other Opper client) works against it without a key or a network:

        opal emulator --port 8080 --api-key dev &
        export OPPER_BASE_URL=http://127.0.0.1:8080/v2 OPPER_API_KEY=dev
        opal plan

      Calls are deterministic: a plain call answers with text that echoes its
      input; a call with an output_schema answers with a value that matches it.
      Faults (failures, latency, 429s, dropped connections, malformed output) come
      from --faults FILE or, at run time, from POST /_emulator/faults. See
      docs/emulator.md.
      """
  )

  @Option(name: .long, help: "Address to bind. Loopback by default.")
  var host = "127.0.0.1"

  @Option(name: .long, help: "Port to listen on (0 picks a free one and prints it).")
  var port = 8080

  @Option(
    name: .long,
    help: "The key clients must send as 'Authorization: Bearer KEY'. Without it any key is accepted.")
  var apiKey: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The management key /management/v1 wants (dynamic routes). Without it any key but --api-key is accepted.",
      discussion:
        "The project key (--api-key) sent to /management/v1 gets 403 with required_scope, as on Opper."))
  var managementKey: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A JSON or YAML list of models to serve instead of the default catalog.",
      discussion:
        "Rows in the /v3/models shape (id, capabilities, context_window, pricing {input, output} "
        + "per million tokens, region, country, retired_at or retires_in_days, successor) or the "
        + "/v2/models shape."))
  var catalog: String?

  @Option(
    name: .long,
    help: "A model policy (YAML or JSON `blocked:` list of globs) that include=policy reports.")
  var policy: String?

  @Option(
    name: .long, help: "Persist aliases, custom models and dynamic routes to this file after every change.")
  var state: String?

  @Option(name: .long, help: "A faults document (YAML or JSON) to start with. See docs/emulator.md.")
  var faults: String?

  @Option(name: .long, help: "Seed for random faults, so runs repeat.")
  var seed: UInt64?

  @Flag(name: [.short, .long], help: "Log one line per request to stderr.")
  var verbose = false

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
  }

  func run() async throws {
    let context = CommandContext.current
    var configuration = EmulatorConfiguration()
    configuration.host = host
    configuration.port = port
    configuration.apiKey = apiKey
    configuration.managementKey = managementKey
    configuration.statePath = state
    configuration.seed = seed
    configuration.logRequests = verbose
    do {
      if let catalog { configuration.catalog = try EmulatorConfiguration.loadCatalog(path: catalog) }
      if let policy { configuration.policy = try ModelPolicyRules.load(path: policy) }
      if let faults { configuration.faults = try FaultPlan.load(path: faults) }
    } catch {
      throw CLIError("\(error)", hint: "see docs/emulator.md for the file formats")
    }
    let server: EmulatorServer
    do {
      server = try EmulatorServer(configuration: configuration)
    } catch {
      throw CLIError("cannot start the emulator: \(error)")
    }
    do {
      _ = try await server.start()
    } catch {
      let reason = "\(error)".contains("Address already in use") ? "the port is already in use" : "\(error)"
      throw CLIError(
        "cannot listen on \(host):\(port): \(reason)",
        hint: "stop what holds it, or pick a free port with --port 0")
    }
    context.out("Opper emulator listening on \(server.baseURL)")
    if apiKey == nil { context.err("no --api-key given: any bearer token is accepted") }
    await Self.waitForInterrupt()
    await server.stop()
    context.err("emulator stopped")
  }
}

extension EmulatorCommand {
  /// Suspends until Ctrl-C / SIGTERM (or until the task is cancelled).
  static func waitForInterrupt() async {
    let (stream, continuation) = AsyncStream<Void>.makeStream()
    InterruptSignal.current?.onInterrupt { continuation.finish() }
    await withTaskCancellationHandler {
      for await _ in stream {}
    } onCancel: {
      continuation.finish()
    }
  }
}
