import Foundation
import OpperAPI
import OpperEmulator
import Testing

/// The emulator faults the soak relies on behave as the soak assumes.
@Suite struct SoakFaultTests {
  /// A latency spike at a rate (`{latency_ms, rate}`) delays the request and then answers it:
  /// it is not a 500 (found by the soak: every "spike" used to fail the request).
  @Test func latencySpikeAtARateAnswersNormally() async throws {
    try await EmulatorFixture.with(
      faults: #"{"endpoints": {"GET /models/aliases": {"latency_ms": 20, "rate": 1.0}}}"#
    ) { emu in
      let aliases = try await emu.withClient { try await $0.listAliases() }
      #expect(aliases.isEmpty)
      #expect(await emu.server.faultCounts() == ["latency": 1])
      #expect(await emu.server.requestCounts()["GET /v2/models/aliases"] == 1)
    }
  }

  /// Every kind of fault the soak injects is counted by kind, and a new plan resets the counts.
  @Test func firedFaultsAreCountedByKind() async throws {
    try await EmulatorFixture.with(
      faults: #"{"endpoints": {"GET /models/aliases": {"status": 503, "consecutive": 2}}}"#
    ) { emu in
      _ = try await emu.withClient { try await $0.listAliases() }  // retried past the two 503s
      #expect(await emu.server.faultCounts() == ["status 503": 2])
      await emu.server.setFaults(FaultPlan())
      #expect(await emu.server.faultCounts().isEmpty)
    }
  }
}
