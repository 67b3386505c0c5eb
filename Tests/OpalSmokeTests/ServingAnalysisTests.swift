import OpalCore
import OpperAPI
import Testing

@testable import OpalSmoke

struct ServingAnalysisTests {
  @Test func theLastGenerationWithoutErrorServedAndEarlierOnesAreAttempts() {
    let trace = Trace(
      id: "t",
      spans: [
        TraceSpan(id: "root", type: "call"),
        TraceSpan(
          id: "1", startTime: "2025-01-01T00:00:01Z",
          error: .object(["status": .integer(503), "message": .string("down")]),
          data: TraceSpanData(model: "a")),
        TraceSpan(id: "2", startTime: "2025-01-01T00:00:02Z", data: TraceSpanData(model: "b")),
      ])
    let s = ServingAnalysis(trace: trace, rootSpanId: "root")
    #expect(s.servedBy == "b")
    #expect(s.attempts == [SmokeAttempt(model: "a", error: "down", status: 503), SmokeAttempt(model: "b")])
  }

  @Test func spansAreOrderedByStartTime() {
    let trace = Trace(
      id: "t",
      spans: [
        TraceSpan(id: "2", startTime: "2025-01-01T00:00:02Z", data: TraceSpanData(model: "b")),
        TraceSpan(
          id: "1", startTime: "2025-01-01T00:00:01Z", error: .string("HTTP 429 rate limited"),
          data: TraceSpanData(model: "a")),
      ])
    let s = ServingAnalysis(trace: trace)
    #expect(s.servedBy == "b")
    #expect(s.attempts.first == SmokeAttempt(model: "a", error: "HTTP 429 rate limited", status: 429))
  }

  @Test func repeatedFailuresOfOneModelAreParseRetries() {
    let trace = Trace(
      id: "t",
      spans: [
        TraceSpan(id: "1", error: .string("invalid JSON"), data: TraceSpanData(model: "a")),
        TraceSpan(id: "2", error: .string("invalid JSON"), data: TraceSpanData(model: "a")),
        TraceSpan(id: "3", error: .string("invalid JSON"), data: TraceSpanData(model: "a")),
        TraceSpan(id: "4", data: TraceSpanData(model: "b")),
      ])
    let s = ServingAnalysis(trace: trace)
    #expect(
      s.attempts == [
        SmokeAttempt(model: "a", error: "invalid JSON", parseRetries: 2), SmokeAttempt(model: "b"),
      ])
  }

  @Test func anExplicitParseRetriesCountInMetaIsRead() {
    let trace = Trace(
      id: "t",
      spans: [
        TraceSpan(id: "1", meta: .object(["parse_retries": .integer(2)]), data: TraceSpanData(model: "a"))
      ])
    #expect(ServingAnalysis(trace: trace).attempts == [SmokeAttempt(model: "a", parseRetries: 2)])
  }

  @Test func oddTracesGiveUnknownNotACrash() {
    #expect(ServingAnalysis(trace: Trace(id: "t")).servedBy == nil)
    let noModels = Trace(id: "t", spans: [TraceSpan(id: "x"), TraceSpan(id: "y", error: .null)])
    #expect(ServingAnalysis(trace: noModels).attempts.isEmpty)
    let allFailed = Trace(
      id: "t",
      spans: [
        TraceSpan(id: "1", error: .object([:]), data: TraceSpanData(model: "a")),
        TraceSpan(id: "2", error: .array([.integer(1)]), data: TraceSpanData(model: "b")),
      ])
    let s = ServingAnalysis(trace: allFailed)
    #expect(s.servedBy == "a", "an empty error object is no error")
    let onlyFailed = Trace(
      id: "t", spans: [TraceSpan(id: "2", error: .bool(true), data: TraceSpanData(model: "b"))])
    #expect(ServingAnalysis(trace: onlyFailed).servedBy == nil)
    #expect(ServingAnalysis(trace: onlyFailed).attempts.first?.error == "true")
  }
}
