/// What an apply did: every change of the plan with its outcome and duration, in execution order
/// (renames, then creates and updates, then deletes), and whether it was interrupted.
public struct ApplyReport: Hashable, Sendable {
  /// The version of the JSON document (`format_version`), see docs/plan-format.md.
  public static let formatVersion = 1

  /// One change and what became of it.
  public struct Result: Hashable, Sendable, Codable {
    public var change: AliasChange
    public var outcome: ChangeOutcome
    /// Wall time of the change, retries and reads included (nil when not started).
    public var durationMs: Double?

    public init(change: AliasChange, outcome: ChangeOutcome, durationMs: Double? = nil) {
      self.change = change
      self.outcome = outcome
      self.durationMs = durationMs
    }

    enum CodingKeys: String, CodingKey {
      case change, outcome
      case durationMs = "duration_ms"
    }
  }

  /// How many changes ended each way.
  public struct Counts: Hashable, Sendable, Codable {
    public var succeeded = 0
    public var failed = 0
    public var skipped = 0
    public var notStarted = 0

    public init(_ results: [Result]) {
      for r in results {
        switch r.outcome {
        case .succeeded: succeeded += 1
        case .failed: failed += 1
        case .skipped: skipped += 1
        case .notStarted: notStarted += 1
        }
      }
    }

    enum CodingKeys: String, CodingKey {
      case succeeded, failed, skipped
      case notStarted = "not_started"
    }
  }

  public var results: [Result]
  /// True when Ctrl-C (task cancellation) stopped the apply before every change started.
  public var interrupted: Bool
  /// Set when the plan was refused, in which case nothing was started.
  public var refusal: PlanRefusal?
  /// The combined fingerprint of the plan applied.
  public var fingerprint: String
  public var durationMs: Double
  /// The command that applies again and converges (`opal apply -f …`), for the summary's hint.
  public var applyAgainCommand: String = "opal apply"
  /// What became of each route change (SPEC §13); nil when the plan had no route half.
  public var routes: [RouteApplyResult]?
  /// What became of each custom-model change (SPEC §15); nil when the plan had none.
  public var customModels: [CustomModelApplyResult]?
  /// Where the snapshot of what this apply changed was written (SPEC §15); nil when none was.
  public var snapshotPath: String?
  /// What `--verify` found and rolled back; nil without `--verify`.
  public var verification: VerificationReport?

  public init(
    results: [Result], interrupted: Bool = false, refusal: PlanRefusal? = nil, fingerprint: String,
    durationMs: Double
  ) {
    self.results = results
    self.interrupted = interrupted
    self.refusal = refusal
    self.fingerprint = fingerprint
    self.durationMs = durationMs
  }

  public var counts: Counts { Counts(results) }

  /// True when any change failed.
  public var hasFailures: Bool { results.contains { if case .failed = $0.outcome { true } else { false } } }

  /// True when every change succeeded.
  public var isComplete: Bool {
    refusal == nil && results.allSatisfy(\.outcome.isSuccess) && (routes ?? []).allSatisfy(\.isSuccess)
      && (customModels ?? []).allSatisfy(\.isSuccess)
      && (verification?.passed ?? true)
  }
}

extension ApplyReport: Codable {
  enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version"
    case kind, results, interrupted, refusal, fingerprint, counts
    case durationMs = "duration_ms"
    case routes, verification
    case customModels = "custom_models"
    case snapshotPath = "snapshot"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    results = try c.decode([Result].self, forKey: .results)
    interrupted = try c.decode(Bool.self, forKey: .interrupted)
    refusal = try c.decodeIfPresent(PlanRefusal.self, forKey: .refusal)
    fingerprint = try c.decode(String.self, forKey: .fingerprint)
    durationMs = try c.decode(Double.self, forKey: .durationMs)
    routes = try c.decodeIfPresent([RouteApplyResult].self, forKey: .routes)
    customModels = try c.decodeIfPresent([CustomModelApplyResult].self, forKey: .customModels)
    snapshotPath = try c.decodeIfPresent(String.self, forKey: .snapshotPath)
    verification = try c.decodeIfPresent(VerificationReport.self, forKey: .verification)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(ApplyReport.formatVersion, forKey: .formatVersion)
    try c.encode("opal-apply-report", forKey: .kind)
    try c.encode(fingerprint, forKey: .fingerprint)
    try c.encode(counts, forKey: .counts)
    try c.encode(interrupted, forKey: .interrupted)
    try c.encode(refusal, forKey: .refusal)
    try c.encode(durationMs, forKey: .durationMs)
    try c.encode(results, forKey: .results)
    try c.encodeIfPresent(routes, forKey: .routes)
    try c.encodeIfPresent(customModels, forKey: .customModels)
    try c.encodeIfPresent(snapshotPath, forKey: .snapshotPath)
    try c.encodeIfPresent(verification, forKey: .verification)
  }
}
