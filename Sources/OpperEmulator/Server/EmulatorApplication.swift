import Hummingbird
import Logging

extension EmulatorServer {
  /// The Hummingbird application serving this emulator's state: `start()` runs one on a
  /// socket; tests may drive one directly with `app.test(.router)` (or `.live`) and still read
  /// `requestCounts()` and `faultCounts()` from this server. `onServerRunning` gets the bound
  /// port.
  public func buildApplication(
    onServerRunning: @escaping @Sendable (Int) -> Void = { _ in }
  ) -> some ApplicationProtocol {
    var logger = Logger(label: "opal.emulator")
    logger.logLevel = .critical
    return Application(
      router: buildRouter(),
      configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
      onServerRunning: { [self] channel in
        let port = channel.localAddress?.port ?? 0
        recordBoundPort(port)
        onServerRunning(port)
      },
      logger: logger)
  }

  /// The router: the request log (with `-v`) and API-shaped errors around every group, then
  /// `/_emulator` (control), `/v2` (the API, with its own middleware) and `/v3` (the catalog).
  func buildRouter() -> Router<EmulatorRequestContext> {
    let router = Router(context: EmulatorRequestContext.self)
    if configuration.logRequests { router.add(middleware: RequestLogMiddleware()) }
    router.add(middleware: APIErrorMiddleware())
    ControlRoutes(faults: faults, counter: counter, keys: customModelKeys).register(on: router)
    V2Routes(
      store: store, traces: traces, engine: engine, catalog: configuration.catalog.map(\.languageModel),
      faults: faults, counter: counter, customModelKeys: customModelKeys, apiKey: configuration.apiKey
    ).register(on: router)
    V3Routes(
      catalog: configuration.catalog, policy: configuration.policy, now: configuration.now,
      faults: faults, counter: counter, apiKey: configuration.apiKey
    ).register(on: router)
    ManagementRoutes(
      store: store, faults: faults, counter: counter, managementKey: configuration.managementKey,
      projectKey: configuration.apiKey
    ).register(on: router)
    return router
  }
}

/// An emulator application for `configuration` (SPEC §17's `buildApplication(configuration)`);
/// use `EmulatorServer.buildApplication()` to also read its request and fault counts.
public func buildApplication(configuration: EmulatorConfiguration) throws -> some ApplicationProtocol {
  try EmulatorServer(configuration: configuration).buildApplication()
}
