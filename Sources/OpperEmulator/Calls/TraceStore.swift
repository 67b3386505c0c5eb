import OpperAPI

/// Every `/call` recorded as a trace with its spans, readable at `/traces/{id}` and
/// `/spans/{id}`. Holds at most `capacity` traces; the oldest are dropped first.
actor TraceStore {
  private let capacity: Int
  private var traces: [String: Trace] = [:]
  private var spans: [String: Span] = [:]
  private var order: [String] = []
  private var head = 0

  init(capacity: Int = 10_000) {
    self.capacity = max(1, capacity)
  }

  var count: Int { traces.count }

  func record(_ trace: Trace, spans newSpans: [Span]) {
    traces[trace.id] = trace
    for span in newSpans { spans[span.id] = span }
    order.append(trace.id)
    while order.count - head > capacity {
      let oldest = order[head]
      head += 1
      if let dropped = traces.removeValue(forKey: oldest) {
        for span in dropped.spans { spans[span.id] = nil }
      }
    }
    if head > capacity {
      order.removeFirst(head)
      head = 0
    }
  }

  func trace(id: String) -> Trace? { traces[id] }

  func span(id: String) -> Span? { spans[id] }
}
