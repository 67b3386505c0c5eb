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
  /// The catalog: served at `/v3/models` as it is, at `/v2/models` in the v2 item shape, and
  /// checked by alias chains.
  public var catalog: [CatalogModel]
  /// The org's model policy (`--policy FILE`): which rows `include=policy` marks as blocked.
  public var policy: ModelPolicyRules
  /// The emulator's clock: "retired" and `deprecated` filtering are judged against it.
  public var now: @Sendable () -> Date
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
    catalog: [CatalogModel] = DefaultCatalog.rows(now: Date()), statePath: String? = nil,
    faults: FaultPlan = FaultPlan(), seed: UInt64? = nil, logRequests: Bool = false,
    policy: ModelPolicyRules = ModelPolicyRules(), now: @escaping @Sendable () -> Date = { Date() },
    managementKey: String? = nil
  ) {
    self.managementKey = managementKey
    self.host = host
    self.port = port
    self.apiKey = apiKey
    self.catalog = catalog
    self.policy = policy
    self.now = now
    self.statePath = statePath
    self.faults = faults
    self.seed = seed
    self.logRequests = logRequests
  }

  /// Reads a `--catalog FILE` (see `CatalogFile`).
  public static func loadCatalog(path: String, now: Date = Date()) throws -> [CatalogModel] {
    try CatalogFile.load(path: path, now: now)
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
