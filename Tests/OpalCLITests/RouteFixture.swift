import Foundation
import OpalTestSupport
import OpperAPI
import OpperEmulator

/// A live emulator serving `/management/v1` behind a management key, a harness whose
/// environment names the emulator's **host** (opal adds `/v2` and `/management/v1`) and both
/// keys, a routes client for changes "behind opal's back", and a scratch directory.
struct RouteFixture {
  static let key = "opal-test-key-7c1e"
  static let managementKey = "op-mak-test-3a9dMANAGEMENT"

  let server: EmulatorServer
  let routes: DynamicRoutesClient
  let harness: CLIHarness
  let directory: URL

  static func with<T>(
    faults: String? = nil, isolation: isolated (any Actor)? = #isolation,
    _ body: (RouteFixture) async throws -> T
  ) async throws -> T {
    try await withEmulator(
      configuration: EmulatorConfiguration(apiKey: key, managementKey: managementKey), faults: faults,
      configure: { $0 = OpperClientConfiguration(baseURL: $0.baseURL, apiKey: key) }
    ) { server, client in
      var harness = CLIHarness()
      harness.environment = [
        "OPPER_BASE_URL": APIRoot.host(of: server.baseURL), "OPPER_API_KEY": key,
        "OPPER_MANAGEMENT_KEY": managementKey,
      ]
      let routes = DynamicRoutesClient(base: client.configuration, managementKey: managementKey)
      let directory = try CLIHarness.temporaryDirectory()
      let fixture = RouteFixture(server: server, routes: routes, harness: harness, directory: directory)
      do {
        let value = try await body(fixture)
        await routes.shutdown()
        try? FileManager.default.removeItem(at: directory)
        return value
      } catch {
        await routes.shutdown()
        try? FileManager.default.removeItem(at: directory)
        throw error
      }
    }
  }

  func write(_ text: String, to name: String = "opal.yaml") throws -> String {
    try CLIHarness.write(text, to: name, in: directory)
  }

  func run(_ arguments: [String]) async -> CLIHarness.Result { await harness.run(arguments) }
}
