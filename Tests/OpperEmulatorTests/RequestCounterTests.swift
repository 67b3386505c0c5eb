import Testing

@testable import OpperEmulator

/// The request log keeps the most recent `logLimit` requests in arrival order, however long the
/// run, and the counts keep every request.
@Suite struct RequestCounterTests {
  @Test func theLogKeepsTheMostRecentRequestsInOrderPastItsLimit() async {
    let counter = RequestCounter()
    let limit = RequestCounter.logLimit
    let total = limit * 2 + 123
    for index in 0..<total { await counter.count("POST /v2/aliases/\(index)") }
    let log = await counter.log
    #expect(log.count == limit)
    #expect(log.first == "POST /v2/aliases/\(total - limit)")
    #expect(log.last == "POST /v2/aliases/\(total - 1)")
    #expect(log == (total - limit..<total).map { "POST /v2/aliases/\($0)" })
    #expect(await counter.counts.count == total)
  }

  @Test func belowItsLimitTheLogIsEveryRequestAndResetEmptiesIt() async {
    let counter = RequestCounter()
    for key in ["GET /v2/aliases", "POST /v2/aliases", "GET /v2/aliases"] { await counter.count(key) }
    #expect(await counter.log == ["GET /v2/aliases", "POST /v2/aliases", "GET /v2/aliases"])
    #expect(await counter.counts["GET /v2/aliases"] == 2)
    await counter.reset()
    #expect(await counter.log.isEmpty)
    await counter.count("DELETE /v2/aliases/a")
    #expect(await counter.log == ["DELETE /v2/aliases/a"])
  }
}
