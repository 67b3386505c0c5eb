import Foundation
import OpalCore

/// Decides, request by request and attempt by attempt, which faults of the current plan fire.
/// Randomness comes from a seeded generator so a run with the same seed and the same request
/// order fails the same way.
actor FaultInjector {
  private(set) var plan: FaultPlan
  private let seedOverride: UInt64?
  private var random: SeededRandom
  private var remainingConsecutive: [String: Int] = [:]
  private var remainingMalformed: [String: Int] = [:]
  private var endpointRules: [(pattern: EndpointPattern, key: String, faults: [Fault])] = []
  /// Endpoint faults that fired since the plan was set, by kind (`status 429`, `drop`,
  /// `lose_response`, `latency`): what a soak reports as "faults injected".
  private(set) var firedCounts: [String: Int] = [:]

  init(plan: FaultPlan, seedOverride: UInt64?) {
    self.plan = plan
    self.seedOverride = seedOverride
    self.random = SeededRandom(seed: seedOverride ?? plan.seed ?? UInt64.random(in: 0...UInt64.max))
    self.endpointRules = Self.rules(of: plan)
  }

  /// Replaces the plan and resets every counter and the generator.
  func replace(with plan: FaultPlan) {
    self.plan = plan
    random = SeededRandom(seed: seedOverride ?? plan.seed ?? UInt64.random(in: 0...UInt64.max))
    remainingConsecutive = [:]
    remainingMalformed = [:]
    endpointRules = Self.rules(of: plan)
    firedCounts = [:]
  }

  /// What happens to a request, `path` being relative to `/v2` as requested (no query).
  func decide(method: String, path: String) -> EndpointFaultDecision {
    var decision = EndpointFaultDecision()
    for rule in endpointRules where rule.pattern.matches(method: method, path: path) {
      for (index, fault) in rule.faults.enumerated() {
        guard fires(fault, key: "endpoint \(rule.key)#\(index)") else { continue }
        decision.latencyMs += fault.latencyMs ?? 0
        if fault.drop == true {
          decision.outcome = .drop
          firedCounts["drop", default: 0] += 1
        } else if let status = fault.effectiveStatus {
          decision.outcome = .status(status, retryAfterS: fault.retryAfterS, message: fault.message)
          firedCounts["status \(status)", default: 0] += 1
        } else if fault.loseResponse == true {
          decision.outcome = .loseResponse
          firedCounts["lose_response", default: 0] += 1
        } else if (fault.latencyMs ?? 0) > 0 {
          firedCounts["latency", default: 0] += 1
        }
        if decision.outcome != nil { return decision }
      }
    }
    return decision
  }

  /// What happens to one attempt of `model` inside `/call`.
  func decideModel(_ model: String) -> ModelFaultDecision {
    guard let fault = plan.models[model], fires(fault, key: "model \(model)") else {
      return ModelFaultDecision(latencyMs: 0, status: nil, message: nil)
    }
    return ModelFaultDecision(
      latencyMs: fault.latencyMs ?? 0,
      status: fault.malformedOutput != nil && fault.status == nil ? nil : fault.effectiveStatus,
      message: fault.message)
  }

  /// True when this structured-output attempt of `model` must come back unparseable
  /// (counts down the model's `malformed_output`).
  func takeMalformedOutput(_ model: String) -> Bool {
    guard let total = plan.models[model]?.malformedOutput, total > 0 else { return false }
    let left = remainingMalformed[model] ?? total
    guard left > 0 else { return false }
    remainingMalformed[model] = left - 1
    return true
  }

  /// `key` names the fault's countdown; it is only built for a `consecutive` fault.
  private func fires(_ fault: Fault, key makeKey: @autoclosure () -> String) -> Bool {
    if let consecutive = fault.consecutive {
      let key = makeKey()
      let left = remainingConsecutive[key] ?? consecutive
      guard left > 0 else { return false }
      remainingConsecutive[key] = left - 1
      return true
    }
    let rate = fault.rate ?? 1.0
    if rate >= 1 { return true }
    if rate <= 0 { return false }
    return random.nextDouble() < rate
  }

  private static func rules(of plan: FaultPlan) -> [(pattern: EndpointPattern, key: String, faults: [Fault])]
  {
    plan.endpoints
      .map { (pattern: EndpointPattern($0.key), key: $0.key, faults: $0.value.faults) }
      .sorted { a, b in
        a.pattern.specificity != b.pattern.specificity
          ? a.pattern.specificity > b.pattern.specificity : a.key < b.key
      }
  }
}

/// The endpoint faults that fired for one request.
struct EndpointFaultDecision: Sendable {
  enum Outcome: Sendable, Equatable {
    case status(Int, retryAfterS: Double?, message: String?)
    case drop
    case loseResponse
  }
  var latencyMs = 0
  var outcome: Outcome?
}

/// The model fault that fired for one attempt: a delay and maybe a failure status.
struct ModelFaultDecision: Sendable {
  var latencyMs: Int
  var status: Int?
  var message: String?
}
