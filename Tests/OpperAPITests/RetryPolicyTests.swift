import Foundation
import Testing

@testable import OpperAPI

/// A deterministic generator (SplitMix64) so jitter draws are repeatable.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}


@Suite struct RetryPolicyTests {
  let policy = RetryPolicy(
    maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .seconds(2), totalBudget: .seconds(30))

  @Test func backoffCapDoublesPerAttemptUpToMaxDelay() {
    #expect(policy.backoffCap(forAttempt: 1) == .milliseconds(100))
    #expect(policy.backoffCap(forAttempt: 2) == .milliseconds(200))
    #expect(policy.backoffCap(forAttempt: 3) == .milliseconds(400))
    #expect(policy.backoffCap(forAttempt: 5) == .milliseconds(1600))
    #expect(policy.backoffCap(forAttempt: 6) == .seconds(2))
    #expect(policy.backoffCap(forAttempt: 500) == .seconds(2))
  }

  @Test func withoutJitterTheDelayIsTheCap() {
    var p = policy
    p.jitter = false
    #expect(p.delay(forAttempt: 3) == .milliseconds(400))
    #expect(p.delay(forAttempt: 10) == .seconds(2))
  }

  @Test func fullJitterStaysWithinZeroAndTheCap() {
    var rng = SeededGenerator(state: 42)
    for attempt in 1...8 {
      let cap = policy.backoffCap(forAttempt: attempt)
      var draws: [Duration] = []
      for _ in 0..<200 {
        let d = policy.delay(forAttempt: attempt, retryAfter: nil, using: &rng)
        #expect(d >= .zero && d <= cap)
        draws.append(d)
      }
      // Full jitter spreads over the range, not just near the cap.
      #expect(draws.contains { $0 < cap / 4 })
      #expect(draws.contains { $0 > cap * 3 / 4 })
    }
  }

  @Test func jitterComesFromTheInjectedSource() {
    var a = SeededGenerator(state: 7)
    var b = SeededGenerator(state: 7)
    let first = (1...6).map { policy.delay(forAttempt: $0, retryAfter: nil, using: &a) }
    let second = (1...6).map { policy.delay(forAttempt: $0, retryAfter: nil, using: &b) }
    #expect(first == second)
  }

  @Test func retryAfterReplacesTheDrawAndIsCappedByMaxDelay() {
    var rng = SeededGenerator(state: 1)
    #expect(policy.delay(forAttempt: 1, retryAfter: .seconds(1), using: &rng) == .seconds(1))
    #expect(policy.delay(forAttempt: 1, retryAfter: .seconds(90), using: &rng) == .seconds(2))
    #expect(policy.delay(forAttempt: 1, retryAfter: .seconds(-3), using: &rng) == .zero)
  }

  @Test func retryAfterSecondsParse() {
    #expect(RetryPolicy.parseRetryAfter("3") == .seconds(3))
    #expect(RetryPolicy.parseRetryAfter(" 0 ") == .zero)
    #expect(RetryPolicy.parseRetryAfter("1.5") == .milliseconds(1500))
    #expect(RetryPolicy.parseRetryAfter("-1") == nil)
    #expect(RetryPolicy.parseRetryAfter("soon") == nil)
    #expect(RetryPolicy.parseRetryAfter("") == nil)
  }

  @Test func retryAfterHTTPDateParsesAllThreeFormats() throws {
    // 2015-10-21 07:28:00 UTC
    let target = Date(timeIntervalSince1970: 1_445_412_480)
    let now = target.addingTimeInterval(-5)
    let imf = try #require(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now))
    #expect(imf == .seconds(5))
    let rfc850 = try #require(
      RetryPolicy.parseRetryAfter("Wednesday, 21-Oct-15 07:28:00 GMT", now: now))
    #expect(rfc850 == .seconds(5))
    let asctime = try #require(RetryPolicy.parseRetryAfter("Wed Oct 21 07:28:00 2015", now: now))
    #expect(asctime == .seconds(5))
    // A date in the past means "now".
    let later = target.addingTimeInterval(60)
    #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: later) == .zero)
    #expect(RetryPolicy.parseRetryAfter("Wed, 32 Oct 2015 07:28:00 GMT", now: now) == nil)
    #expect(RetryPolicy.parseRetryAfter("Wed, 21 Foo 2015 07:28:00 GMT", now: now) == nil)
  }

  @Test func leapDayDateIsExact() throws {
    let d = try #require(HTTPDate.parse("Thu, 29 Feb 2024 12:00:00 GMT"))
    #expect(d.timeIntervalSince1970 == 1_709_208_000)
  }

  @Test func idempotentRequestsRetryEveryRetryableFailure() {
    let retryable: [RetryPolicy.Failure] = [
      .status(429), .status(500), .status(503), .timeout, .transport, .notSent,
    ]
    for failure in retryable {
      #expect(policy.isRetryable(failure, idempotency: .idempotent))
    }
    for status in [400, 401, 404, 409, 422, 501] {
      #expect(!policy.isRetryable(.status(status), idempotency: .idempotent))
    }
  }

  @Test func nonIdempotentPostsRetryOnlyWhatCertainlyDidNotLand() {
    #expect(policy.isRetryable(.status(429), idempotency: .notIdempotent))
    #expect(policy.isRetryable(.notSent, idempotency: .notIdempotent))
    let ambiguous: [RetryPolicy.Failure] = [
      .status(500), .status(502), .status(503), .status(504), .timeout, .transport,
    ]
    for failure in ambiguous {
      #expect(!policy.isRetryable(failure, idempotency: .notIdempotent))
      #expect(failure.mayHaveLanded)
    }
    #expect(!RetryPolicy.Failure.status(429).mayHaveLanded)
    #expect(!RetryPolicy.Failure.notSent.mayHaveLanded)
  }

  @Test func noneMakesASingleAttempt() {
    #expect(RetryPolicy.none.maxAttempts == 1)
    #expect(RetryPolicy().maxAttempts == 5)
    #expect(RetryPolicy().retryableStatuses == [429, 500, 502, 503, 504])
  }
}
