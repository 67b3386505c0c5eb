import Foundation
import OpperAPI
import OpperEmulator

/// The key the emulator wants in these tests; no error, description or log may contain it.
let testKey = "sk-test-7f3a9cSECRETd41e"

/// Quick retries so fault tests stay short (Retry-After still honoured up to 2 s).
let fastRetry = RetryPolicy(
  maxAttempts: 5, baseDelay: .milliseconds(10), maxDelay: .seconds(2), totalBudget: .seconds(20))

/// A faults document (SPEC §8) from its JSON form.
func faultPlan(_ json: String) throws -> FaultPlan {
  try JSONDecoder().decode(FaultPlan.self, from: Data(json.utf8))
}

/// Runs `body` against a fresh emulator on an ephemeral loopback port with a client pointed at
/// it; both are stopped afterwards, also when `body` throws.
func withEmulator(
  faults: String? = nil,
  configure: (inout OpperClientConfiguration) -> Void = { _ in },
  _ body: (EmulatorServer, OpperClient) async throws -> Void
) async throws {
  let plan = try faults.map(faultPlan) ?? FaultPlan()
  let server = try EmulatorServer(
    configuration: EmulatorConfiguration(port: 0, apiKey: testKey, faults: plan))
  _ = try await server.start()
  var configuration = OpperClientConfiguration(
    baseURL: server.baseURL, apiKey: testKey, timeout: .seconds(10), retry: fastRetry)
  configure(&configuration)
  let client = OpperClient(configuration: configuration)
  do {
    try await body(server, client)
  } catch {
    await client.shutdown()
    await server.stop()
    throw error
  }
  await client.shutdown()
  await server.stop()
}

/// Requests the emulator saw whose "METHOD /v2/path" key starts with `prefix`.
func seen(_ server: EmulatorServer, _ prefix: String) async -> Int {
  await server.requestCounts().filter { $0.key.hasPrefix(prefix) }.reduce(0) { $0 + $1.value }
}

/// Requests the emulator saw with exactly this "METHOD /v2/path" key (query excluded).
func seenExactly(_ server: EmulatorServer, _ key: String) async -> Int {
  await server.requestCounts()[key] ?? 0
}

/// Everything a person or a log could read of an error.
func allRenderings(_ error: some Error) -> String {
  var dumped = ""
  dump(error, to: &dumped)
  return "\(error)|\(String(reflecting: error))|\(dumped)|\(error.localizedDescription)"
}
