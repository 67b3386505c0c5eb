import ArgumentParser
import Foundation
import OpperAPI

/// How to reach the Opper API: `--base-url`, the key, `--timeout`, `--rps`.
struct APIOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The API's host (env OPPER_BASE_URL), e.g. https://api.opper.ai: opal adds /v2 and "
        + "/management/v1 (a URL ending in /v2 works too). http:// only for loopback, e.g. the emulator.",
      valueName: "url"))
  var baseURL: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Read the API key from this file instead of the OPPER_API_KEY environment variable.",
      valueName: "path"))
  var apiKeyFile: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Read the management key (dynamic routes, /management/v1) from this file instead of "
        + "OPPER_MANAGEMENT_KEY.",
      valueName: "path"))
  var managementKeyFile: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "How long one request may take in seconds, retries included (at most 3600).", valueName: "seconds"))
  var timeout: Double = 30

  @Option(
    name: .long,
    help: ArgumentHelp("Ceiling on requests per second sent to the API.", valueName: "n"))
  var rps: Double?

  /// The longest `--timeout` accepted (an hour): a bound, not a wish; `inf` is refused.
  static let maxTimeoutSeconds = 3600.0

  func validate() throws {
    guard timeout.isFinite, timeout > 0, timeout <= Self.maxTimeoutSeconds else {
      throw ValidationError(
        "--timeout must be a number of seconds greater than 0 and at most \(Int(Self.maxTimeoutSeconds)) "
          + "(got \(timeout))")
    }
    if let rps, !(rps.isFinite && rps > 0 && rps <= 10_000) {
      throw ValidationError("--rps must be greater than 0 and at most 10000 (got \(rps))")
    }
  }

  /// `--timeout` as a Duration (validated: finite, positive, bounded).
  var timeoutDuration: Duration { .milliseconds(Int64((timeout * 1000).rounded())) }

  /// The base URL after flags and environment.
  func resolvedBaseURL(_ context: CommandContext) -> String {
    if let baseURL, !baseURL.isEmpty { return baseURL }
    if let env = context.environment["OPPER_BASE_URL"], !env.isEmpty { return env }
    return "https://api.opper.ai/v2"
  }

  /// The API key from `--api-key-file` or `OPPER_API_KEY`.
  func resolvedAPIKey(_ context: CommandContext) throws(CLIError) -> String {
    if let apiKeyFile {
      guard let data = FileManager.default.contents(atPath: apiKeyFile),
        let text = String(data: data, encoding: .utf8)
      else {
        throw CLIError(
          "cannot read the API key file \(apiKeyFile)", hint: "check the path and its permissions")
      }
      let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !key.isEmpty else { throw CLIError("the API key file \(apiKeyFile) is empty") }
      return key
    }
    if let key = context.environment["OPPER_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines),
      !key.isEmpty
    {
      return key
    }
    throw CLIError(
      "no API key: set OPPER_API_KEY or pass --api-key-file",
      hint: "for the local emulator any key it was started with works, e.g. OPPER_API_KEY=dev")
  }

  /// The management key from `--management-key-file` or `OPPER_MANAGEMENT_KEY`; nil when neither
  /// is given.
  func resolvedManagementKey(_ context: CommandContext) throws(CLIError) -> String? {
    if let managementKeyFile {
      guard let data = FileManager.default.contents(atPath: managementKeyFile),
        let text = String(data: data, encoding: .utf8)
      else {
        throw CLIError(
          "cannot read the management key file \(managementKeyFile)",
          hint: "check the path and its permissions")
      }
      let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
      guard !key.isEmpty else { throw CLIError("the management key file \(managementKeyFile) is empty") }
      return key
    }
    let key = context.environment["OPPER_MANAGEMENT_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines)
    return key?.isEmpty == false ? key : nil
  }

  /// The dynamic-routes client (management key, `…/management/v1`) beside `client`, or nil
  /// without a management key.
  func makeRoutesClient(_ context: CommandContext, beside client: OpperClient) throws(CLIError)
    -> DynamicRoutesClient?
  {
    guard let key = try resolvedManagementKey(context) else { return nil }
    return DynamicRoutesClient(
      base: client.configuration, managementKey: key, projectKey: client.configuration.apiKey)
  }

  /// A client configured from these options.
  func makeClient(
    _ context: CommandContext, verbose: Bool = false, parallelism: Int? = nil
  ) throws(CLIError) -> OpperClient {
    let base = resolvedBaseURL(context)
    do {
      _ = try OpperClientConfiguration.validateBaseURL(base)
    } catch {
      // A refused URL is not a request: say what is wrong with it, not a method and path.
      let message: String
      if case .invalidRequest(let reason) = error.kind {
        message = reason
      } else {
        message = error.description
      }
      throw CLIError(message, hint: "use https://, or http:// only for 127.0.0.1/localhost")
    }
    let key = try resolvedAPIKey(context)
    do {
      try OpperClientConfiguration.validateKey(key, baseURL: base)
    } catch {
      let message: String
      if case .invalidRequest(let reason) = error.kind {
        message = reason
      } else {
        message = error.description
      }
      throw CLIError(message)
    }
    var configuration = OpperClientConfiguration(baseURL: APIRoot.v2(of: base), apiKey: key)
    // Lists ask for pages of 1,000 (10,000 aliases in 10 requests, not 100). The API's largest
    // `limit` is not documented: a server that serves fewer per page (it clamps `limit`) is
    // followed at the size it served (`PagedListing`), every page still checked.
    configuration.pageSize = OpperClientConfiguration.maxPageSize
    configuration.timeout = timeoutDuration
    // --timeout bounds each request's whole wait, retries included (SPEC §12), not each attempt.
    configuration.retry.totalBudget = timeoutDuration
    configuration.requestsPerSecond = rps
    configuration.logger = ContextLogHandler.logger(context, verbose: verbose)
    if let parallelism {
      configuration.pageConcurrency = parallelism
      // Room for the requests beside the `parallelism` in flight: a smoke reads each answered
      // call's span and trace while the next calls run, and with one connection per call those
      // reads took the connection a lane's next call was waiting for.
      configuration.maxConnections = max(configuration.maxConnections, 2 * parallelism)
    }
    return OpperClient(configuration: configuration)
  }
}

extension APIOptions {
  /// Runs `body` with a client that is shut down afterwards, whatever happens.
  func withClient<T>(
    _ context: CommandContext, verbose: Bool = false, parallelism: Int? = nil,
    _ body: (OpperClient) async throws -> T
  ) async throws -> T {
    let client = try makeClient(context, verbose: verbose, parallelism: parallelism)
    do {
      let value = try await body(client)
      await client.shutdown()
      return value
    } catch {
      await client.shutdown()
      throw error
    }
  }
}

extension APIOptions {
  /// Runs `body` with the routes client beside `client` (nil without a management key), shut
  /// down afterwards.
  func withRoutesClient<T>(
    _ context: CommandContext, beside client: OpperClient, _ body: (DynamicRoutesClient?) async throws -> T
  ) async throws -> T {
    let routes = try makeRoutesClient(context, beside: client)
    do {
      let value = try await body(routes)
      await routes?.shutdown()
      return value
    } catch {
      await routes?.shutdown()
      throw error
    }
  }
}

/// `--parallelism N`, shared by apply and smoke.
struct ParallelismOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("Requests in flight at once (changes, calls, or pages read).", valueName: "n"))
  var parallelism: Int = 8

  /// The most requests in flight opal will open at once.
  static let maxParallelism = 1024

  func validate() throws {
    guard (1...Self.maxParallelism).contains(parallelism) else {
      throw ValidationError("--parallelism must be between 1 and \(Self.maxParallelism) (got \(parallelism))")
    }
  }
}
