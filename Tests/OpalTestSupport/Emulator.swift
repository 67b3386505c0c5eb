import Foundation
import OpperAPI
import OpperEmulator

/// The API key the emulator wants by default in tests; no error, description or log may
/// contain it (it is long and distinctive so a leak is easy to spot).
public let testKey = "sk-test-7f3a9cSECRETd41e"

/// Quick retries so fault tests stay short (`Retry-After` is still honoured up to 2 s); the
/// default retry policy of the client `withEmulator` builds.
public let fastRetry = RetryPolicy(
  maxAttempts: 5, baseDelay: .milliseconds(10), maxDelay: .seconds(2), totalBudget: .seconds(20))

/// Runs `body` against a fresh emulator and a client pointed at it; both are stopped
/// afterwards, also when `body` throws (an expectation that fails inside `body` is recorded
/// and the emulator still stops).
///
/// - Parameters:
///   - configuration: what the emulator serves (key, catalog, state path, host, seed…). Its
///     `port` is ignored: the emulator always listens on an ephemeral port.
///   - faults: a faults document (YAML or JSON text) injected from the start, read through the
///     product's own path (see `faultPlan(_:)`); replaces `configuration.faults` when given.
///   - configure: changes to the client's configuration (page size, retry, timeout, key…). It
///     starts as the emulator's `baseURL`, the emulator's key (or `testKey` when the emulator
///     takes any key), a 10 s timeout and `fastRetry`.
///   - body: the test, given the running server and the client.
/// - Returns: what `body` returns.
public func withEmulator<T>(
  configuration: EmulatorConfiguration = EmulatorConfiguration(apiKey: testKey),
  faults: String? = nil,
  configure: (inout OpperClientConfiguration) -> Void = { _ in },
  isolation: isolated (any Actor)? = #isolation,
  _ body: (EmulatorServer, OpperClient) async throws -> T
) async throws -> T {
  var configuration = configuration
  if let faults { configuration.faults = try faultPlan(faults) }
  return try await withEmulators([configuration]) { servers in
    let server = servers[0]
    var clientConfiguration = OpperClientConfiguration(
      baseURL: server.baseURL, apiKey: configuration.apiKey ?? testKey, timeout: .seconds(30),
      retry: fastRetry)
    configure(&clientConfiguration)
    let client = OpperClient(configuration: clientConfiguration)
    do {
      let value = try await body(server, client)
      await client.shutdown()
      return value
    } catch {
      await client.shutdown()
      throw error
    }
  }
}

/// Runs `body` with one started emulator per configuration (in the same order), each on its
/// own ephemeral port; all of them are stopped afterwards, also when `body` throws or one of
/// them fails to start. For tests that need several differently configured servers at once.
public func withEmulators<T>(
  _ configurations: [EmulatorConfiguration],
  isolation: isolated (any Actor)? = #isolation,
  _ body: ([EmulatorServer]) async throws -> T
) async throws -> T {
  var servers: [EmulatorServer] = []
  do {
    for var configuration in configurations {
      configuration.port = 0
      let server = try EmulatorServer(configuration: configuration)
      servers.append(server)
      _ = try await server.start()
    }
    let value = try await body(servers)
    for server in servers { await server.stop() }
    return value
  } catch {
    for server in servers { await server.stop() }
    throw error
  }
}

extension EmulatorServer {
  /// The port the started server listens on (read from `baseURL`).
  public var boundPort: Int {
    URLComponents(string: baseURL)?.port ?? 0
  }
}

/// Requests the emulator saw whose `"METHOD /v2/path"` key starts with `prefix`.
public func seen(_ server: EmulatorServer, _ prefix: String) async -> Int {
  await server.requestCounts().filter { $0.key.hasPrefix(prefix) }.reduce(0) { $0 + $1.value }
}

/// Requests the emulator saw with exactly this `"METHOD /v2/path"` key (query excluded).
public func seenExactly(_ server: EmulatorServer, _ key: String) async -> Int {
  await server.requestCounts()[key] ?? 0
}
