import Foundation
import OpalCore

/// One fault. It fires on a request (or model attempt) when `consecutive` still has failures
/// left, or else with probability `rate` (default 1.0). When it fires: wait `latency_ms`, then
/// `drop` the connection, or answer `status` (429 with `Retry-After: retry_after_s`), or do the
/// work and drop the answer (`lose_response`). `malformed_output` (models only) makes the
/// first N structured-output attempts of that model unparseable.
public struct Fault: Codable, Hashable, Sendable {
  public var status: Int?
  public var rate: Double?
  public var consecutive: Int?
  public var latencyMs: Int?
  public var retryAfterS: Double?
  public var drop: Bool?
  public var loseResponse: Bool?
  public var malformedOutput: Int?
  public var message: String?

  public init(
    status: Int? = nil, rate: Double? = nil, consecutive: Int? = nil, latencyMs: Int? = nil,
    retryAfterS: Double? = nil, drop: Bool? = nil, loseResponse: Bool? = nil,
    malformedOutput: Int? = nil, message: String? = nil
  ) {
    self.status = status
    self.rate = rate
    self.consecutive = consecutive
    self.latencyMs = latencyMs
    self.retryAfterS = retryAfterS
    self.drop = drop
    self.loseResponse = loseResponse
    self.malformedOutput = malformedOutput
    self.message = message
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case status, rate, consecutive, message, drop
    case latencyMs = "latency_ms"
    case retryAfterS = "retry_after_s"
    case loseResponse = "lose_response"
    case malformedOutput = "malformed_output"
  }

  /// The status a firing fault answers with: `status`, or 500 when only `consecutive` or a
  /// `rate` was given, or nil when the fault only adds latency (`{latency_ms, rate}` is a
  /// latency spike, answered normally) or drops.
  var effectiveStatus: Int? {
    if let status { return status }
    if drop == true || loseResponse == true { return nil }
    if latencyMs != nil && retryAfterS == nil { return nil }
    if consecutive != nil || rate != nil || retryAfterS != nil { return retryAfterS != nil ? 429 : 500 }
    return nil
  }

  static func parse(_ value: JSONValue, at path: String) throws(FaultPlanError) -> Fault {
    guard let object = value.objectValue else { throw FaultPlanError("\(path): a fault is an object") }
    let known = Set(CodingKeys.allCases.map(\.rawValue))
    for key in object.keys.sorted() where !known.contains(key) {
      let hint = NearestNames.suggest(key, from: known.sorted()).first.map { " (did you mean '\($0)'?)" }
      throw FaultPlanError("\(path): unknown key '\(key)'\(hint ?? "")")
    }
    func int(_ key: String, min: Int) throws(FaultPlanError) -> Int? {
      guard let v = object[key], v != .null else { return nil }
      guard case .integer(let i) = v, i >= min else {
        throw FaultPlanError("\(path).\(key) must be a whole number ≥ \(min)")
      }
      return i
    }
    func number(_ key: String) throws(FaultPlanError) -> Double? {
      guard let v = object[key], v != .null else { return nil }
      guard let d = v.doubleValue, d >= 0 else { throw FaultPlanError("\(path).\(key) must be a number ≥ 0") }
      return d
    }
    func bool(_ key: String) throws(FaultPlanError) -> Bool? {
      guard let v = object[key], v != .null else { return nil }
      guard case .bool(let b) = v else { throw FaultPlanError("\(path).\(key) must be true or false") }
      return b
    }
    var fault = Fault()
    fault.status = try int("status", min: 100)
    if let s = fault.status, s > 599 {
      throw FaultPlanError("\(path).status must be an HTTP status (100-599)")
    }
    fault.rate = try number("rate")
    if let r = fault.rate, r > 1 { throw FaultPlanError("\(path).rate must be between 0 and 1") }
    fault.consecutive = try int("consecutive", min: 0)
    fault.latencyMs = try int("latency_ms", min: 0)
    fault.retryAfterS = try number("retry_after_s")
    fault.drop = try bool("drop")
    fault.loseResponse = try bool("lose_response")
    fault.malformedOutput = try int("malformed_output", min: 0)
    if let m = object["message"], m != .null {
      guard let s = m.stringValue else { throw FaultPlanError("\(path).message must be a string") }
      fault.message = s
    }
    return fault
  }
}
