import Foundation
import OpalCore
import OpalTestSupport
import OpperAPI
import Testing

@testable import OpperEmulator

/// `--catalog FILE` rows in either API's shape (with `retires_in_days` relative to the start) and
/// `--policy FILE`, served at `/v3/models`.
@Suite struct CatalogFileTests {
  func write(_ text: String, _ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "opal-catalog-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func rowsOfBothShapesAndRelativeRetirements() async throws {
    let now = Date(timeIntervalSince1970: 1_900_000_000)
    let path = try write(
      """
      models:
        - id: acme/old
          capabilities: [tools]
          context_window: 32000
          pricing: {input: [1.0], output: [2.0]}
          region: eu
          country: DE
          retires_in_days: -3
          successor: acme/new
        - id: acme/new
          capabilities: [tools, vision]
          retired_at: "2031-01-01T00:00:00Z"
        - hosting_provider: legacy
          name: legacy/model
          location: us
          input_cost_per_token: 0.000002
          output_cost_per_token: 0.000004
      """, "catalog.yaml")
    let rows = try EmulatorConfiguration.loadCatalog(path: path, now: now)
    #expect(rows.map(\.id) == ["acme/old", "acme/new", "legacy/model"])
    #expect(rows[0].retirementDate == now.addingTimeInterval(-3 * 86_400))
    #expect(rows[0].provider == "acme" && rows[0].country == "DE" && rows[0].contextWindow == 32_000)
    #expect(rows[2].pricing == CatalogPricing(inputPerMillion: 2, outputPerMillion: 4))
    #expect(rows[2].region == "us")

    let policyPath = try write(
      "blocked:\n  - acme/new\n  - {model: \"legacy/*\", blocked_by: entitlement, reason: no agreement}\n",
      "policy.yaml")
    var configuration = EmulatorConfiguration(apiKey: testKey)
    configuration.catalog = rows
    configuration.policy = try ModelPolicyRules.load(path: policyPath)
    configuration.now = { now }
    try await withEmulator(configuration: configuration) { _, client in
      let served = try await client.listCatalog()
      #expect(served.map(\.id) == ["acme/new", "acme/old", "legacy/model"])
      #expect(served[0].policy?.allowed == false && served[0].policy?.blockedBy == "org")
      #expect(
        served[2].policy == ModelPolicy(allowed: false, blockedBy: "entitlement", reason: "no agreement"))
      #expect(served[1].policy?.allowed == true)
      let live = try await client.listCatalog(CatalogQuery(deprecated: false))
      #expect(live.map(\.id) == ["acme/new", "legacy/model"])  // acme/old retired 3 days before "now"
      #expect(try await client.listModels().count == 3)  // v2 lists every row
    }
  }

  @Test func badFilesSayWhatIsWrong() throws {
    let notAList = try write("models: {a: 1}\n", "bad.yaml")
    #expect(throws: EmulatorFileError.self) { try EmulatorConfiguration.loadCatalog(path: notAList) }
    let noId = try write("[{capabilities: [tools]}]\n", "noid.yaml")
    #expect(throws: EmulatorFileError.self) { try EmulatorConfiguration.loadCatalog(path: noId) }
    let badPolicy = try write("blocked:\n  - {model: x, blocked_by: nobody}\n", "policy.yaml")
    #expect(throws: EmulatorFileError.self) { try ModelPolicyRules.load(path: badPolicy) }
  }

  @Test func inputFilesThatAreNotRegularFilesAreRefusedWithoutReading() throws {
    // Before, a faults file of /dev/zero filled memory and a FIFO blocked the emulator's start.
    let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("faults-\(UUID()).fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    defer { unlink(fifo) }
    for (path, what) in [("/dev/zero", "a character device"), (fifo, "a FIFO (named pipe)")] {
      do {
        _ = try FaultPlan.load(path: path)
        Issue.record("\(path) was read")
      } catch let error as EmulatorFileError {
        #expect(error.message == "cannot read the file: \(what), not a regular file", "\(error.message)")
      }
    }
  }
}
