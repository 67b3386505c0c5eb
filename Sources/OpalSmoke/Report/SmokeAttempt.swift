/// One model tried inside a call, as read from the trace: which model, how it failed (nil when
/// it answered) and how many times its structured output had to be parsed again.
public struct SmokeAttempt: Codable, Hashable, Sendable {
  public var model: String
  /// The error of the model's last try, as the trace tells it; nil when the model answered.
  public var error: String?
  /// The HTTP-like status found in the error, when there was one (`503`).
  public var status: Int?
  /// Extra tries of the same model because its structured output did not parse.
  public var parseRetries: Int

  public init(model: String, error: String? = nil, status: Int? = nil, parseRetries: Int = 0) {
    self.model = model
    self.error = error
    self.status = status
    self.parseRetries = parseRetries
  }

  /// Short form for tables: `aws/claude-sonnet-4-eu 503`, or the start of the error.
  public var shortFailure: String {
    if let status { return "\(model) \(status)" }
    guard let error else { return model }
    let head = error.count > 40 ? String(error.prefix(39)) + "…" : error
    return "\(model) \(head)"
  }

  enum CodingKeys: String, CodingKey {
    case model, error, status
    case parseRetries = "parse_retries"
  }
}
