import Foundation
import OpperAPI
import OpperEmulator

/// A live emulator on an ephemeral loopback port plus a harness whose environment points at it.
struct EmulatorFixture {
  static let key = "opal-test-key-7c1e"

  let server: EmulatorServer
  let harness: CLIHarness
  let directory: URL

  static func start(faults: String? = nil) async throws -> EmulatorFixture {
    var configuration = EmulatorConfiguration(port: 0, apiKey: key)
    if let faults {
      configuration.faults = try JSONDecoder().decode(FaultPlan.self, from: Data(faults.utf8))
    }
    let server = try EmulatorServer(configuration: configuration)
    _ = try await server.start()
    var harness = CLIHarness()
    harness.environment = ["OPPER_BASE_URL": server.baseURL, "OPPER_API_KEY": key]
    return EmulatorFixture(server: server, harness: harness, directory: try CLIHarness.temporaryDirectory())
  }

  func stop() async {
    await server.stop()
    try? FileManager.default.removeItem(at: directory)
  }

  func write(_ text: String, to name: String = "opal.yaml") throws -> String {
    try CLIHarness.write(text, to: name, in: directory)
  }

  func run(_ arguments: [String]) async -> CLIHarness.Result {
    await harness.run(arguments)
  }

  /// A client on the same emulator, for changes made "behind opal's back".
  func withClient<T>(_ body: (OpperClient) async throws -> T) async throws -> T {
    let client = OpperClient(
      configuration: OpperClientConfiguration(baseURL: server.baseURL, apiKey: Self.key))
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
