/// What became of one change of an apply.
public enum ChangeOutcome: Hashable, Sendable {
  /// Done; `detail` says how when it was not the plain path ("already existed, identical").
  case succeeded(detail: String?)
  /// Tried and failed; `hint` says what to do.
  case failed(message: String, hint: String?)
  /// Deliberately not tried (a failed preflight, a failed rename it depends on).
  case skipped(reason: String)
  /// Never started (the apply was interrupted or refused first).
  case notStarted

  /// The status word used in reports and JSON.
  public var status: String {
    switch self {
    case .succeeded: "succeeded"
    case .failed: "failed"
    case .skipped: "skipped"
    case .notStarted: "not_started"
    }
  }

  public var isSuccess: Bool {
    if case .succeeded = self { return true }
    return false
  }

  /// The message that goes with the status (detail, error or reason).
  public var message: String? {
    switch self {
    case .succeeded(let detail): detail
    case .failed(let message, _): message
    case .skipped(let reason): reason
    case .notStarted: nil
    }
  }

  public var hint: String? {
    if case .failed(_, let hint) = self { return hint }
    return nil
  }

  /// This outcome with its hint's commands written out for `commands` (see `PlanCommands`).
  func resolvingCommands(_ commands: PlanCommands) -> ChangeOutcome {
    guard case .failed(let message, let hint?) = self else { return self }
    return .failed(message: message, hint: commands.resolve(hint))
  }
}

extension ChangeOutcome: Codable {
  enum CodingKeys: String, CodingKey { case status, message, hint }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let message = try c.decodeIfPresent(String.self, forKey: .message)
    switch try c.decode(String.self, forKey: .status) {
    case "succeeded": self = .succeeded(detail: message)
    case "failed":
      self = .failed(message: message ?? "", hint: try c.decodeIfPresent(String.self, forKey: .hint))
    case "skipped": self = .skipped(reason: message ?? "")
    default: self = .notStarted
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(status, forKey: .status)
    try c.encode(message, forKey: .message)
    try c.encode(hint, forKey: .hint)
  }
}
