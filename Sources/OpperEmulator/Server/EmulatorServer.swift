import Foundation
import Hummingbird
import OpperAPI
import Synchronization

/// A local stand-in for the Opper v2 API (SPEC §8): the emulator's state (resources, traces,
/// faults, request counts) and the Hummingbird application serving it under `/v2`.
///
/// `start()` serves on a socket in the background until `stop()`; `buildApplication()` hands
/// out the application itself, e.g. for `app.test(.router)`.
public final class EmulatorServer: Sendable {
  public let configuration: EmulatorConfiguration
  let store: ResourceStore
  let traces: TraceStore
  let faults: FaultInjector
  let counter: RequestCounter
  let customModelKeys = CustomModelKeys()
  let engine: CallEngine
  private let lifecycle = Mutex(Lifecycle())

  private struct Lifecycle {
    var task: Task<Void, Never>?
    var port: Int?
  }

  /// Builds the server; loads the `--state` file when it exists.
  public init(configuration: EmulatorConfiguration) throws {
    self.configuration = configuration
    let v2Catalog = configuration.catalog.map(\.languageModel)
    store = try ResourceStore(catalog: v2Catalog, statePath: configuration.statePath)
    traces = TraceStore()
    faults = FaultInjector(plan: configuration.faults, seedOverride: configuration.seed)
    counter = RequestCounter()
    let names = Set(v2Catalog.map(\.name))
    let defaultModel =
      names.contains("openai/gpt-4o-mini")
      ? "openai/gpt-4o-mini" : (v2Catalog.first?.name ?? "openai/gpt-4o-mini")
    engine = CallEngine(
      store: store, traces: traces, faults: faults,
      pricing: Dictionary(v2Catalog.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
      defaultModel: defaultModel,
      retirements: Dictionary(
        configuration.catalog.compactMap { row in row.retirementDate.map { (row.id, ($0, row.successor)) } },
        uniquingKeysWith: { a, _ in a }),
      now: configuration.now)
  }

  /// Binds, serves in the background and returns the bound port.
  public func start() async throws -> Int {
    let (ports, continuation) = AsyncThrowingStream<Int, any Error>.makeStream()
    let app = buildApplication { port in
      continuation.yield(port)
      continuation.finish()
    }
    let host = configuration.host
    let task = Task {
      do {
        try await app.run()
        continuation.finish(throwing: EmulatorFileError(path: host, message: "server stopped"))
      } catch {
        continuation.finish(throwing: error)
      }
    }
    lifecycle.withLock { $0.task = task }
    for try await port in ports { return port }
    throw EmulatorFileError(path: host, message: "server stopped")
  }

  /// Stops a server started with `start()` and waits until it has closed.
  public func stop() async {
    let task = lifecycle.withLock { state -> Task<Void, Never>? in
      defer { state.task = nil }
      return state.task
    }
    task?.cancel()
    await task?.value
  }

  /// `http://HOST:PORT/v2`, with the bound port once started.
  public var baseURL: String {
    let port = lifecycle.withLock { $0.port } ?? configuration.port
    let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
    return "http://\(host):\(port)/v2"
  }

  /// Replaces the fault plan (as `POST /_emulator/faults` does).
  public func setFaults(_ plan: FaultPlan) async { await faults.replace(with: plan) }

  /// Requests seen, keyed by `"METHOD /v2/path"` (the path as requested).
  public func requestCounts() async -> [String: Int] { await counter.counts }

  public func resetRequestCounts() async { await counter.reset() }

  /// The requests seen, `"METHOD /v2/path"` in arrival order (the most recent 10,000).
  public func requestLog() async -> [String] { await counter.log }

  /// The last `api_key` each custom model was sent, by name (as `GET
  /// /_emulator/custom-model-keys` answers).
  public func customModelKeysReceived() async -> [String: String] { await customModelKeys.all }

  /// Endpoint faults fired since the fault plan was last set, by kind (`"status 429"`, `"drop"`,
  /// `"lose_response"`, `"latency"`).
  public func faultCounts() async -> [String: Int] { await faults.firedCounts }

  /// Remembers the port the application bound (for `baseURL`).
  func recordBoundPort(_ port: Int) { lifecycle.withLock { $0.port = port } }
}
