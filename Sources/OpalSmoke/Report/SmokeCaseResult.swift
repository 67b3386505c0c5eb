/// What one smoke case did: the call made, who served it, what failed first, and the verdict.
public struct SmokeCaseResult: Codable, Hashable, Sendable {
  /// The case name (`default` when the alias declares none).
  public var name: String
  /// The task name sent to `/call`: `opal-smoke/<alias>/<case>`.
  public var callName: String
  /// What `model` the call named (the alias, or the case's own models), in try order.
  public var calledModels: [String]
  /// The model that answered, from the trace; nil when the call failed or the trace was unreadable.
  public var servedBy: String?
  /// True when a model other than the first one of the chain answered.
  public var fallback: Bool
  /// Every model tried, in order, the one that answered last.
  public var attempts: [SmokeAttempt]
  /// Wall time of `POST /call` as measured by the runner.
  public var latencyMs: Int?
  /// `cost.total` of the response, in USD.
  public var costUSD: Double?
  public var verdict: SmokeVerdict
  /// Why the verdict is not `pass` (one line each); notes such as an unreadable trace otherwise.
  public var reasons: [String]
  /// Something worth knowing that is not a failure (for example: the trace could not be read).
  public var note: String?
  public var spanId: String?
  public var traceId: String?

  public init(
    name: String, callName: String, calledModels: [String], servedBy: String? = nil,
    fallback: Bool = false, attempts: [SmokeAttempt] = [], latencyMs: Int? = nil,
    costUSD: Double? = nil, verdict: SmokeVerdict, reasons: [String] = [], note: String? = nil,
    spanId: String? = nil, traceId: String? = nil
  ) {
    self.name = name
    self.callName = callName
    self.calledModels = calledModels
    self.servedBy = servedBy
    self.fallback = fallback
    self.attempts = attempts
    self.latencyMs = latencyMs
    self.costUSD = costUSD
    self.verdict = verdict
    self.reasons = reasons
    self.note = note
    self.spanId = spanId
    self.traceId = traceId
  }

  /// The attempts that failed before the serving model.
  public var failedAttempts: [SmokeAttempt] { attempts.filter { $0.error != nil } }

  enum CodingKeys: String, CodingKey {
    case name, fallback, attempts, verdict, reasons, note
    case callName = "call_name"
    case calledModels = "called_models"
    case servedBy = "served_by"
    case latencyMs = "latency_ms"
    case costUSD = "cost_usd"
    case spanId = "span_id"
    case traceId = "trace_id"
  }
}
