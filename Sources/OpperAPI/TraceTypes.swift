import OpalCore

/// `GET /spans/{id}`: one span, the call's root span when read from a call's `span_id`.
public struct Span: Codable, Hashable, Sendable {
  public var id: String
  public var name: String?
  public var traceId: String
  public var parentId: String?
  public var type: String?
  public var startTime: String?
  public var endTime: String?
  public var input: JSONValue?
  public var output: JSONValue?
  public var error: JSONValue?
  public var meta: JSONValue?
  public var score: JSONValue?

  public init(
    id: String, name: String? = nil, traceId: String, parentId: String? = nil, type: String? = nil,
    startTime: String? = nil, endTime: String? = nil, input: JSONValue? = nil,
    output: JSONValue? = nil, error: JSONValue? = nil, meta: JSONValue? = nil,
    score: JSONValue? = nil
  ) {
    self.id = id
    self.name = name
    self.traceId = traceId
    self.parentId = parentId
    self.type = type
    self.startTime = startTime
    self.endTime = endTime
    self.input = input
    self.output = output
    self.error = error
    self.meta = meta
    self.score = score
  }

  enum CodingKeys: String, CodingKey {
    case id, name, type, input, output, error, meta, score
    case traceId = "trace_id"
    case parentId = "parent_id"
    case startTime = "start_time"
    case endTime = "end_time"
  }
}

/// The `data` of a span inside a trace; generation spans carry `model`.
public struct TraceSpanData: Codable, Hashable, Sendable {
  public var model: String?
  public var input: JSONValue?
  public var output: JSONValue?
  public var instructions: String?
  public var function: JSONValue?
  public var totalTokens: Int?
  public var tags: JSONValue?
  public var generationId: String?

  public init(
    model: String? = nil, input: JSONValue? = nil, output: JSONValue? = nil,
    instructions: String? = nil, function: JSONValue? = nil, totalTokens: Int? = nil,
    tags: JSONValue? = nil, generationId: String? = nil
  ) {
    self.model = model
    self.input = input
    self.output = output
    self.instructions = instructions
    self.function = function
    self.totalTokens = totalTokens
    self.tags = tags
    self.generationId = generationId
  }

  enum CodingKeys: String, CodingKey {
    case model, input, output, instructions, function, tags
    case totalTokens = "total_tokens"
    case generationId = "generation_id"
  }
}

/// A span as listed inside a trace.
public struct TraceSpan: Codable, Hashable, Sendable {
  public var id: String
  public var name: String?
  public var type: String?
  public var parentId: String?
  public var startTime: String?
  public var endTime: String?
  public var durationMs: Double?
  public var error: JSONValue?
  public var meta: JSONValue?
  public var score: JSONValue?
  public var data: TraceSpanData?

  public init(
    id: String, name: String? = nil, type: String? = nil, parentId: String? = nil,
    startTime: String? = nil, endTime: String? = nil, durationMs: Double? = nil,
    error: JSONValue? = nil, meta: JSONValue? = nil, score: JSONValue? = nil,
    data: TraceSpanData? = nil
  ) {
    self.id = id
    self.name = name
    self.type = type
    self.parentId = parentId
    self.startTime = startTime
    self.endTime = endTime
    self.durationMs = durationMs
    self.error = error
    self.meta = meta
    self.score = score
    self.data = data
  }

  enum CodingKeys: String, CodingKey {
    case id, name, type, error, meta, score, data
    case parentId = "parent_id"
    case startTime = "start_time"
    case endTime = "end_time"
    case durationMs = "duration_ms"
  }
}

/// `GET /traces/{id}`: a whole call with every attempt as a span.
public struct Trace: Codable, Hashable, Sendable {
  public var id: String
  public var name: String?
  public var status: String?
  public var startTime: String?
  public var endTime: String?
  public var durationMs: Double?
  public var input: JSONValue?
  public var output: JSONValue?
  public var totalTokens: Int?
  public var spans: [TraceSpan]

  public init(
    id: String, name: String? = nil, status: String? = nil, startTime: String? = nil,
    endTime: String? = nil, durationMs: Double? = nil, input: JSONValue? = nil,
    output: JSONValue? = nil, totalTokens: Int? = nil, spans: [TraceSpan] = []
  ) {
    self.id = id
    self.name = name
    self.status = status
    self.startTime = startTime
    self.endTime = endTime
    self.durationMs = durationMs
    self.input = input
    self.output = output
    self.totalTokens = totalTokens
    self.spans = spans
  }

  enum CodingKeys: String, CodingKey {
    case id, name, status, input, output, spans
    case startTime = "start_time"
    case endTime = "end_time"
    case durationMs = "duration_ms"
    case totalTokens = "total_tokens"
  }
}

/// The part of `GET /traces/{id}` that says which model served a call and what failed before
/// it: the trace's id and, per span, its id, type, start time, error, meta and `data.model`.
/// Decoded instead of the whole `Trace` by `OpperClient.servingTrace(id:)`: the inputs and
/// outputs of the call and of every attempt (most of a trace's bytes) are skipped, never built
/// into `JSONValue`s.
struct ServingTraceWire: Decodable {
  var id: String
  var spans: [ServingSpanWire]

  struct ServingSpanWire: Decodable {
    var id: String
    var type: String?
    var startTime: String?
    var error: JSONValue?
    var meta: JSONValue?
    var data: ServingSpanData?

    enum CodingKeys: String, CodingKey {
      case id, type, error, meta, data
      case startTime = "start_time"
    }
  }

  struct ServingSpanData: Decodable {
    var model: String?
  }

  /// A `Trace` holding only these fields.
  var trace: Trace {
    Trace(
      id: id,
      spans: spans.map {
        TraceSpan(
          id: $0.id, type: $0.type, startTime: $0.startTime, error: $0.error, meta: $0.meta,
          data: $0.data.map { TraceSpanData(model: $0.model) })
      })
  }
}

/// The part of `GET /spans/{id}` that leads to the span's trace.
struct SpanReferenceWire: Decodable {
  var id: String
  var traceId: String

  enum CodingKeys: String, CodingKey {
    case id
    case traceId = "trace_id"
  }
}
