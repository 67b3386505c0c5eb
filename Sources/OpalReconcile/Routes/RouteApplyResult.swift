/// What became of one route change in an apply.
public struct RouteApplyResult: Hashable, Sendable, Codable {
  /// The outcome, as the report says it.
  public enum Outcome: String, Hashable, Sendable, Codable {
    /// A new version is live (or the server replayed the deployment this apply already made).
    case deployed
    /// `--draft-only`: the draft is written, nothing deployed.
    case staged
    case deleted
    /// The draft has validation errors: not deployed.
    case invalidDraft = "invalid_draft"
    /// A test failed on simulate: not deployed, live routing unchanged.
    case testFailed = "test_failed"
    /// The route moved since the plan (409 or a changed draft revision): not deployed.
    case stalePlan = "stale_plan"
    case failed
    /// Not attempted, on purpose: its chain names a custom model whose create failed (the
    /// message says which). Apply still exits 1, as the route is not as declared.
    case skipped
    case notStarted = "not_started"
  }

  public var name: String
  public var action: RouteChange.Action
  public var outcome: Outcome
  /// The version made live (deployed), the draft revision (staged).
  public var version: Int?
  public var draftRevision: Int?
  /// True when the deploy answer was a replay of one already made with this plan's key.
  public var replayed: Bool?
  public var message: String?

  public init(
    name: String, action: RouteChange.Action, outcome: Outcome, version: Int? = nil,
    draftRevision: Int? = nil,
    replayed: Bool? = nil, message: String? = nil
  ) {
    self.name = name
    self.action = action
    self.outcome = outcome
    self.version = version
    self.draftRevision = draftRevision
    self.replayed = replayed
    self.message = message
  }

  public var isSuccess: Bool { outcome == .deployed || outcome == .staged || outcome == .deleted }

  enum CodingKeys: String, CodingKey {
    case name, action, outcome, version, replayed, message
    case draftRevision = "draft_revision"
  }
}
