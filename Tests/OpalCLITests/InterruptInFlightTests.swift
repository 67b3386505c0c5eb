import Foundation
import OpalTestSupport
import Testing

/// Ctrl-C while a create hangs (issue 13 §9): no new attempt starts after the signal, the one in
/// flight gets a short grace and is then cancelled, and the report says the change may have landed.
@Suite(.serialized) struct InterruptInFlightTests {
  @Test func sigintWhileACreateHangsStopsWithinTheGraceAndRetriesNothing() async throws {
    let server = HostileServer(
      LyingServerApplyTests.api { request in
        request.method == "POST" && request.path == "/v2/models/aliases" ? [.hang] : nil
      })
    let port = try await server.start()
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = try CLIHarness.write(
      "version: 1\naliases:\n  stuck: {models: [openai/gpt-4o]}\n", to: "opal.yaml", in: dir)
    let apply = try OpalProcess(
      ["apply", "-f", path, "--auto-approve", "--no-color", "--timeout", "60"],
      environment: ["OPPER_API_KEY": testKey, "OPPER_BASE_URL": server.baseURL(port: port)],
      directory: dir)
    let deadline = Date().addingTimeInterval(30)
    while apply.isRunning, Date() < deadline, !server.requests.contains(where: { $0.method == "POST" }) {
      try await Task.sleep(for: .milliseconds(20))
    }
    let signalled = Date()
    apply.signal(SIGINT)
    let result = try await apply.wait(seconds: 30)
    let took = Date().timeIntervalSince(signalled)
    await server.stop()
    #expect(result.exitCode == 130, "\(result.all)")
    // Before: opal exited 37.6 s after the signal and sent 8 POSTs in all.
    #expect(took < 15, "exited \(took) s after the signal")
    #expect(server.requests.filter { $0.method == "POST" }.count == 1, "no attempt after Ctrl-C")
    #expect(result.all.contains("may or may not"), "\(result.all)")
  }
}
