import Foundation
import Hummingbird
import Logging
import NIOCore
import OpperAPI

/// A local stand-in for the Opper v2 API (SPEC §8), served by Hummingbird under `/v2`.
///
/// `start()` serves in the background (tests); `run()` serves in the foreground until
/// cancelled or SIGINT/SIGTERM (the `opal emulator` command).
public final class EmulatorServer: Sendable {
  public let configuration: EmulatorConfiguration
  private let responder: EmulatorResponder
  private let faults: FaultInjector
  private let counter: RequestCounter
  private let lifecycle = LockedBox(Lifecycle())

  private struct Lifecycle {
    var task: Task<Void, Never>?
    var port: Int?
  }

  /// Builds the server; loads the `--state` file when it exists.
  public init(configuration: EmulatorConfiguration) throws {
    self.configuration = configuration
    let store = try ResourceStore(catalog: configuration.catalog, statePath: configuration.statePath)
    let traces = TraceStore()
    faults = FaultInjector(plan: configuration.faults, seedOverride: configuration.seed)
    counter = RequestCounter()
    let names = Set(configuration.catalog.map(\.name))
    let defaultModel =
      names.contains("openai/gpt-4o-mini")
      ? "openai/gpt-4o-mini" : (configuration.catalog.first?.name ?? "openai/gpt-4o-mini")
    let engine = CallEngine(
      store: store, traces: traces, faults: faults,
      pricing: Dictionary(configuration.catalog.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
      defaultModel: defaultModel)
    responder = EmulatorResponder(
      api: EmulatorAPI(store: store, traces: traces, calls: engine, catalog: configuration.catalog),
      control: ControlEndpoints(faults: faults, counter: counter), faults: faults, counter: counter,
      apiKey: configuration.apiKey, logRequests: configuration.logRequests)
  }

  /// Binds, serves in the background and returns the bound port.
  public func start() async throws -> Int {
    let started = OnceContinuation()
    let app = makeApplication { port in started.resume(.success(port)) }
    let task = Task {
      do {
        try await app.run()
        started.resume(.failure(EmulatorFileError(path: configuration.host, message: "server stopped")))
      } catch {
        started.resume(.failure(error))
      }
    }
    lifecycle.withLock { $0.task = task }
    let port = try await started.wait()
    return port
  }

  /// Serves in the foreground until the task is cancelled or SIGINT/SIGTERM arrives.
  public func run() async throws {
    let app = makeApplication { _ in }
    try await app.runService()
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

  /// Endpoint faults fired since the fault plan was last set, by kind (`"status 429"`, `"drop"`,
  /// `"lose_response"`, `"latency"`).
  public func faultCounts() async -> [String: Int] { await faults.firedCounts }

  private func makeApplication(
    onRunning: @escaping @Sendable (Int) -> Void
  ) -> Application<EmulatorResponder> {
    var logger = Logger(label: "opal.emulator")
    logger.logLevel = .critical
    let lifecycle = self.lifecycle
    return Application(
      responder: responder,
      configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        lifecycle.withLock { $0.port = port }
        onRunning(port)
      },
      logger: logger)
  }
}

/// A value behind a lock, for the little mutable state a `Sendable` class needs.
final class LockedBox<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Value
  init(_ value: Value) { self.value = value }
  func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body(&value)
  }
}

/// A result delivered once (later deliveries are ignored) to one waiter.
final class OnceContinuation: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<Int, any Error>?
  private var waiter: CheckedContinuation<Int, any Error>?

  func resume(_ value: Result<Int, any Error>) {
    lock.lock()
    guard result == nil else { lock.unlock(); return }
    result = value
    let waiter = self.waiter
    self.waiter = nil
    lock.unlock()
    waiter?.resume(with: value)
  }

  func wait() async throws -> Int {
    try await withCheckedThrowingContinuation { continuation in
      lock.lock()
      if let result {
        lock.unlock()
        continuation.resume(with: result)
      } else {
        waiter = continuation
        lock.unlock()
      }
    }
  }
}
