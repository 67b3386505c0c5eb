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
    } catch {
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
