import OpalCore
import Synchronization
import Testing

/// `BoundedConcurrency`: at most `width` operations in flight, results in input order whatever
/// order they finish in, the first failure thrown, nothing started after a cancellation.
@Suite struct BoundedConcurrencyTests {
  /// Counts operations in flight and the most seen at once.
  final class Gauge: Sendable {
    private let state = Mutex((now: 0, most: 0, started: 0))
    func enter() {
      state.withLock {
        $0.now += 1; $0.started += 1; $0.most = max($0.most, $0.now)
      }
    }
    func leave() { state.withLock { $0.now -= 1 } }
    var most: Int { state.withLock { $0.most } }
    var started: Int { state.withLock { $0.started } }
  }

  @Test func resultsComeInInputOrderWithAtMostWidthInFlight() async throws {
    let gauge = Gauge()
    let items = Array(0..<40)
    let results = try await BoundedConcurrency.map(items, width: 6) {
      (item: Int) async throws(TestFailure) -> String in
      gauge.enter()
      defer { gauge.leave() }
      // Later items finish first, so completion order is not input order.
      try? await Task.sleep(for: .milliseconds(40 - item))
      return "item \(item)"
    }
    #expect(results == items.map { "item \($0)" })
    #expect(gauge.most <= 6)
    #expect(gauge.most > 1)
    #expect(gauge.started == 40)
  }

  @Test func theFirstFailureIsThrownAndNothingNewStarts() async {
    let gauge = Gauge()
    do {
      _ = try await BoundedConcurrency.map(Array(0..<100), width: 4) {
        (item: Int) async throws(TestFailure) -> Int in
        gauge.enter()
        defer { gauge.leave() }
        if item == 5 { throw TestFailure(item: item) }
        try? await Task.sleep(for: .milliseconds(2))
        return item
      }
      Issue.record("no failure was thrown")
    } catch {
      #expect(error == TestFailure(item: 5))
    }
    #expect(gauge.started < 100)
  }

  @Test func aCancelledRunStartsNothingNewAndLeavesTheRestUnstarted() async {
    let gauge = Gauge()
    let run = Task {
      await BoundedConcurrency.mapUnlessCancelled(Array(0..<50), width: 2) { (item: Int) -> Int in
        gauge.enter()
        defer { gauge.leave() }
        try? await Task.sleep(for: .milliseconds(20))
        return item * 2
      }
    }
    while gauge.started < 2 { await Task.yield() }
    run.cancel()
    let results = await run.value
    #expect(results.count == 50)
    let done = results.compactMap { $0 }
    #expect(!done.isEmpty && done.count < 50)
    for (index, value) in results.enumerated() where value != nil { #expect(value == index * 2) }
    #expect(results.suffix(40).allSatisfy { $0 == nil })
    #expect(gauge.most <= 2)
  }

  @Test func everyItemRunsOnceWhenWidthExceedsTheCount() async {
    let results = await BoundedConcurrency.mapUnlessCancelled([3, 1, 2], width: 64) { $0 * 10 }
    #expect(results == [30, 10, 20])
  }

  struct TestFailure: Error, Equatable { var item: Int }
}
