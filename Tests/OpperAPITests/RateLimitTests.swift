import OpalTestSupport
import Testing

@testable import OpperAPI

@Suite struct RateLimitTests {
  @Test func theLimiterSpacesAcquisitions() async throws {
    let limiter = RateLimiter(requestsPerSecond: 20)
    let clock = ContinuousClock()
    let start = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<6 { group.addTask { try await limiter.acquire() } }
      try await group.waitForAll()
    }
    // Six slots 50 ms apart: the last cannot start before 250 ms (a lower bound only).
    #expect(clock.now - start >= .milliseconds(240))
  }

  @Test func aCancelledWaitThrows() async throws {
    let limiter = RateLimiter(requestsPerSecond: 0.5)
    try await limiter.acquire()  // takes the first slot; the next is 2 s away
    let waiter = Task { try await limiter.acquire() }
    waiter.cancel()
    await #expect(throws: CancellationError.self) { try await waiter.value }
  }

  @Test func theClientCeilingIsSharedByConcurrentRequests() async throws {
    try await withEmulator(configure: {
      $0.requestsPerSecond = 20
      $0.pageSize = 1000
    }) { server, client in
      let clock = ContinuousClock()
      let start = clock.now
      try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<8 { group.addTask { try await client.listModels().count } }
        for try await count in group { #expect(count > 0) }
      }
      let elapsed = clock.now - start
      #expect(await seenExactly(server, "GET /v2/models") == 8)
      // Eight requests at 20/s: at least seven 50 ms gaps (a lower bound only).
      #expect(elapsed >= .milliseconds(340))
    }
  }
}
