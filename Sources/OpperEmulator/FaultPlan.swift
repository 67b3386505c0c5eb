import Foundation
import OpalCore

/// The faults document of SPEC §8: faults per model (affecting `/call` attempts) and per
/// endpoint (`"METHOD /path"` with `*` wildcards, relative to `/v2`; `"*"` alone is every
/// request). Read from `--faults FILE` (YAML or JSON) or `POST /_emulator/faults` (JSON), both
/// through `parse(_:)` (there is no `Decodable` path); encoded for `GET /_emulator/faults`.
public struct FaultPlan: Encodable, Hashable, Sendable {
  /// Seed of the RNG behind `rate`; `--seed` overrides it.
  public var seed: UInt64?
  /// Faults keyed by model name.
  public var models: [String: Fault]
  /// Faults keyed by endpoint pattern, each a single fault or a list of them.
  public var endpoints: [String: FaultList]

  public init(seed: UInt64? = nil, models: [String: Fault] = [:], endpoints: [String: FaultList] = [:]) {
    self.seed = seed
    self.models = models
    self.endpoints = endpoints
  }

  /// True when nothing is injected.
  public var isEmpty: Bool { models.isEmpty && endpoints.isEmpty }

  enum CodingKeys: String, CodingKey { case seed, models, endpoints }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(seed, forKey: .seed)
    try c.encode(models, forKey: .models)
    try c.encode(endpoints, forKey: .endpoints)
  }

  /// Reads a faults file (YAML or JSON).
  public static func load(path: String) throws -> FaultPlan {
    let value = try EmulatorFile.loadDocument(path: path)
    do {
      return try parse(value)
    } catch let error as FaultPlanError {
      throw EmulatorFileError(path: path, message: error.message)
    }
  }

  /// Checks and decodes a faults document; unknown keys and bad values are errors.
  public static func parse(_ value: JSONValue) throws(FaultPlanError) -> FaultPlan {
    guard let object = value.objectValue else { throw FaultPlanError("a faults document is an object") }
    for key in object.keys where !["seed", "models", "endpoints"].contains(key) {
      throw FaultPlanError("unknown key '\(key)' (expected seed, models, endpoints)")
    }
    var plan = FaultPlan()
    if let seed = object["seed"], seed != .null {
      guard case .integer(let s) = seed, s >= 0 else {
        throw FaultPlanError("seed must be a whole number ≥ 0")
      }
      plan.seed = UInt64(s)
    }
    if let models = object["models"], models != .null {
      guard let entries = models.objectValue else { throw FaultPlanError("models must be an object") }
      for (name, entry) in entries { plan.models[name] = try Fault.parse(entry, at: "models.\(name)") }
    }
    if let endpoints = object["endpoints"], endpoints != .null {
      guard let entries = endpoints.objectValue else { throw FaultPlanError("endpoints must be an object") }
      for (pattern, entry) in entries {
        if let list = entry.arrayValue {
          var faults: [Fault] = []
          for (index, item) in list.enumerated() {
            faults.append(try Fault.parse(item, at: "endpoints.\(pattern)[\(index)]"))
          }
          plan.endpoints[pattern] = FaultList(faults)
        } else {
          plan.endpoints[pattern] = FaultList([try Fault.parse(entry, at: "endpoints.\(pattern)")])
        }
      }
    }
    return plan
  }
}

/// A faults document that does not make sense.
public struct FaultPlanError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// One or more faults under one endpoint pattern (a single object or a list in the document).
public struct FaultList: Codable, Hashable, Sendable {
  public var faults: [Fault]
  public init(_ faults: [Fault]) { self.faults = faults }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let list = try? c.decode([Fault].self) { faults = list } else { faults = [try c.decode(Fault.self)] }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    if faults.count == 1 { try c.encode(faults[0]) } else { try c.encode(faults) }
  }
}

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
