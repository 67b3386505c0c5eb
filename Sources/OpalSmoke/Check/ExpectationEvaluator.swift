import Foundation
import OpalConfig
import OpalCore
import OpperAPI

/// Checks a successful call's answer against a case's expectations (SPEC §7) and says, one
/// line per failed expectation, why it does not hold.
public struct ExpectationEvaluator: Sendable {
  public var expectation: SmokeExpectation
  /// The case's `output_schema`, used when `json_schema` is absent.
  public var outputSchema: JSONValue?
  /// The model `served_by: first` expects (the chain's first).
  public var firstModel: String?
  /// At most this many schema violations are listed.
  public var maxViolationsShown = 3

  public init(expectation: SmokeExpectation, outputSchema: JSONValue? = nil, firstModel: String? = nil) {
    self.expectation = expectation
    self.outputSchema = outputSchema
    self.firstModel = firstModel
  }

  /// The text `contains`, `not_contains` and `matches` look at: the message, or the canonical
  /// JSON of `json_payload` when there is no message.
  public static func answerText(of response: CallResponse) -> String {
    if let message = response.message { return message }
    return response.jsonPayload?.canonicalJSON ?? ""
  }

  /// Reasons the answer fails; empty when every expectation holds.
  /// - Parameters:
  ///   - serving: what the trace said, nil when it could not be read (`servingProblem` says why).
  public func failures(
    response: CallResponse, latencyMs: Int, serving: ServingAnalysis?, servingProblem: String? = nil
  ) -> [String] {
    let e = expectation
    let text = Self.answerText(of: response)
    var out: [String] = []
    for needle in e.contains ?? [] where !text.contains(needle) {
      out.append("answer does not contain \(quoted(needle)): \(excerpt(text))")
    }
    for needle in e.notContains ?? [] where text.contains(needle) {
      out.append("answer contains \(quoted(needle)), which it must not: \(excerpt(text))")
    }
    for pattern in e.matches ?? [] {
      guard let regex = try? NSRegularExpression(pattern: pattern) else {
        out.append("matches: the regular expression \(quoted(pattern)) does not compile")
        continue
      }
      if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
        out.append("answer does not match /\(pattern)/: \(excerpt(text))")
      }
    }
    out += schemaFailures(response)
    if let max = e.maxLatencyMs, latencyMs > max {
      out.append("took \(latencyMs) ms, more than max_latency_ms \(max)")
    }
    if let max = e.maxCostUSD {
      if let cost = response.cost?.total {
        if cost > max { out.append("cost $\(Self.money(cost)), more than max_cost_usd $\(Self.money(max))") }
      } else {
        out.append("max_cost_usd \(Self.money(max)) cannot be checked: the response reports no cost")
      }
    }
    if let rule = e.servedBy, let reason = servedByFailure(rule, serving: serving, problem: servingProblem) {
      out.append(reason)
    }
    return out
  }

  private func schemaFailures(_ response: CallResponse) -> [String] {
    let label = expectation.jsonSchema != nil ? "json_schema" : "output_schema"
    guard let schema = expectation.jsonSchema ?? outputSchema else { return [] }
    guard let payload = response.jsonPayload, payload != .null else {
      return ["\(label): the answer has no json_payload to validate"]
    }
    let violations = JSONSchemaValidator(schema: schema).validate(payload)
    guard !violations.isEmpty else { return [] }
    let shown = violations.prefix(maxViolationsShown).map(\.description).joined(separator: "; ")
    let more =
      violations.count > maxViolationsShown ? " (and \(violations.count - maxViolationsShown) more)" : ""
    return ["json_payload does not match \(label): \(shown)\(more)"]
  }

  private func servedByFailure(
    _ rule: SmokeExpectation.ServedBy, serving: ServingAnalysis?, problem: String?
  ) -> String? {
    if case .any = rule { return nil }
    guard let served = serving?.servedBy else {
      let why = problem ?? "the trace shows no model that answered"
      return "served_by cannot be checked: \(why)"
    }
    switch rule {
    case .any:
      return nil
    case .first:
      guard let first = firstModel, served != first else { return nil }
      let failed = serving?.attempts.first { $0.model == first && $0.error != nil }
      let because = failed.map { " (it failed: \(Self.failureText($0)))" } ?? ""
      return "served by \(served), expected the first model \(first)\(because)"
    case .model(let wanted):
      guard served != wanted else { return nil }
      let failed = serving?.attempts.first { $0.model == wanted && $0.error != nil }
      let because = failed.map { " (it failed: \(Self.failureText($0)))" } ?? ""
      return "served by \(served), expected \(wanted)\(because)"
    }
  }

  /// `HTTP 503 model unavailable`, or the error text when it names no status.
  static func failureText(_ attempt: SmokeAttempt) -> String {
    let text = attempt.error ?? "failed"
    guard let status = attempt.status, !text.contains(String(status)) else { return text }
    return "HTTP \(status) \(text)"
  }

  static func money(_ usd: Double) -> String {
    String(format: "%.6f", usd).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
      .replacingOccurrences(of: #"\.$"#, with: ".0", options: .regularExpression)
  }

  private func quoted(_ s: String) -> String { JSONValue.string(s).canonicalJSON }

  private func excerpt(_ text: String) -> String {
    let flat = text.replacingOccurrences(of: "\n", with: " ")
    return quoted(flat.count > 80 ? String(flat.prefix(79)) + "…" : flat)
  }
}
