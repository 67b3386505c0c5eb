import Foundation
import OpalTestSupport
import OpperAPI
import OpperEmulator

/// A live emulator (`OpalTestSupport.withEmulator`) plus a harness whose environment points at
/// it and a scratch directory.
struct EmulatorFixture {
  static let key = "opal-test-key-7c1e"

  let server: EmulatorServer
  let client: OpperClient
  let harness: CLIHarness
  let directory: URL

  /// Runs `body` with a fresh fixture; the emulator and its client are stopped and the
  /// directory removed afterwards, also when `body` throws. `faults` is a faults document;
  /// `emulator` changes what the emulator serves (catalog, policy, clock).
  static func with<T>(
    faults: String? = nil, emulator: (inout EmulatorConfiguration) -> Void = { _ in },
    isolation: isolated (any Actor)? = #isolation,
    _ body: (EmulatorFixture) async throws -> T
  ) async throws -> T {
    var configuration = EmulatorConfiguration(apiKey: key)
    emulator(&configuration)
    return try await withEmulator(
      configuration: configuration, faults: faults,
      configure: { $0 = OpperClientConfiguration(baseURL: $0.baseURL, apiKey: key) }
    ) { server, client in
      var harness = CLIHarness()
      harness.environment = ["OPPER_BASE_URL": server.baseURL, "OPPER_API_KEY": key]
      let directory = try CLIHarness.temporaryDirectory()
      let fixture = EmulatorFixture(server: server, client: client, harness: harness, directory: directory)
      do {
        let value = try await body(fixture)
        try? FileManager.default.removeItem(at: directory)
        return value
      } catch {
        try? FileManager.default.removeItem(at: directory)
        throw error
      }
    }
  }

  func write(_ text: String, to name: String = "opal.yaml") throws -> String {
    try CLIHarness.write(text, to: name, in: directory)
  }

  func run(_ arguments: [String]) async -> CLIHarness.Result {
    await harness.run(arguments)
  }

  /// The client on the same emulator, for changes made "behind opal's back".
  func withClient<T>(_ body: (OpperClient) async throws -> T) async throws -> T {
    try await body(client)
  }
}
