import Foundation
import OpalCore
import OpalYAML
import OpperAPI

/// How an `EmulatorServer` runs: where it listens, which key it wants, what it serves and
/// which faults it injects.
public struct EmulatorConfiguration: Sendable {
  /// Interface to bind; loopback by default.
  public var host: String
  /// Port to bind; `0` picks an ephemeral port (read it from `EmulatorServer.start()`).
  public var port: Int
  /// `nil`: any non-empty Bearer token is accepted; set: the token must match, else 401.
  public var apiKey: String?
  /// `--management-key`: the key `/management/v1` wants; `nil`: any bearer token but the
  /// project key (`apiKey`), which gets 403 as on the real API.
  public var managementKey: String?
  /// The language-model catalog served at `/models` and checked by alias chains.
  public var catalog: [LanguageModel]
  /// `--state FILE`: aliases and custom models persisted as JSON after every change.
  public var statePath: String?
  /// Faults injected from the start (replaceable at run time via `/_emulator/faults`).
  public var faults: FaultPlan
  /// Seed of the fault RNG; overrides the plan's own `seed`.
  public var seed: UInt64?
  /// `-v`: one line per request on stderr (never the key).
  public var logRequests: Bool

  public init(
    host: String = "127.0.0.1", port: Int = 8080, apiKey: String? = nil,
    catalog: [LanguageModel] = DefaultCatalog.models, statePath: String? = nil,
    faults: FaultPlan = FaultPlan(), seed: UInt64? = nil, logRequests: Bool = false,
    managementKey: String? = nil
  ) {
    self.managementKey = managementKey
    self.host = host
    self.port = port
    self.apiKey = apiKey
    self.catalog = catalog
    self.statePath = statePath
    self.faults = faults
    self.seed = seed
    self.logRequests = logRequests
  }

  /// Reads a `--catalog FILE`: a JSON or YAML list of models in the `/models` item shape
  /// (`{hosting_provider, name, location, input_cost_per_token, output_cost_per_token}`),
  /// or a `/models` page (`{"data": [...]}`).
  public static func loadCatalog(path: String) throws -> [LanguageModel] {
    let value = try EmulatorFile.loadDocument(path: path)
    let list: JSONValue = value["data"] ?? value
    guard list.arrayValue != nil else {
      throw EmulatorFileError(path: path, message: "a catalog is a list of models")
    }
    do {
      return try EmulatorFile.decode([LanguageModel].self, from: list)
    } catch {
      throw EmulatorFileError(path: path, message: "not a list of models: \(EmulatorFile.describe(error))")
    }
  }
}

/// A `--catalog`, `--faults` or `--state` file that could not be used.
public struct EmulatorFileError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var message: String
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
  public var description: String { "\(path): \(message)" }
}
