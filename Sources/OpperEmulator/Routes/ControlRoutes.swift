import Foundation
import Hummingbird
import OpalCore

/// The `/_emulator` group: run-time control, without the key, never faulted, not counted.
/// - `GET|POST|PUT|DELETE /_emulator/faults`: read, replace (body = the faults document), clear.
/// - `GET|DELETE /_emulator/requests`: request counts by `"METHOD /v2/path"`, reset.
/// - `GET /_emulator/requests/log`: the requests in arrival order (the most recent 10,000).
/// - `GET|DELETE /_emulator/custom-model-keys`: the last `api_key` each custom model was sent,
///   by name (the API itself never returns a key), reset.
/// - `GET /_emulator/health`: `{"status": "ok"}`.
struct ControlRoutes: Sendable {
  static let prefix = "_emulator"
  let faults: FaultInjector
  let counter: RequestCounter
  let keys: CustomModelKeys

  func register(on router: Router<EmulatorRequestContext>) {
    let unknown: RouteTable.Handler = { request, _ in
      APIReply.notFound("Unknown control endpoint \(request.method.rawValue) \(request.uri.path)")
    }
    var table = RouteTable(notFound: unknown, wrongMethod: unknown)
    table.on("faults", .get) { _, _ in
      let plan = await faults.plan
      return APIReply.json(plan)
    }
    table.on("faults", .post) { request, context in try await replaceFaults(request, context) }
    table.on("faults", .put) { request, context in try await replaceFaults(request, context) }
    table.on("faults", .delete) { _, _ in
      await faults.replace(with: FaultPlan())
      return APIReply.noContent()
    }
    table.on("requests", .get) { _, _ in
      let counts = await counter.counts
      return APIReply.json(counts)
    }
    table.on("requests", .delete) { _, _ in
      await counter.reset()
      return APIReply.noContent()
    }
    table.on("requests/log", .get) { _, _ in
      let log = await counter.log
      return APIReply.json(log)
    }
    table.on("custom-model-keys", .get) { _, _ in
      let all = await keys.all
      return APIReply.json(all)
    }
    table.on("custom-model-keys", .delete) { _, _ in
      await keys.reset()
      return APIReply.noContent()
    }
    table.on("health", .get) { _, _ in APIReply.json(["status": "ok"]) }
    table.install(in: router.group(RouterPath(Self.prefix)))
  }

  private func replaceFaults(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
    var request = request
    let body: ByteBuffer
    do {
      body = try await request.collectBody(upTo: context.maxUploadSize)
    } catch {
      return APIReply.tooLarge()
    }
    let value: JSONValue
    if body.readableBytes == 0 {
      value = .object([:])
    } else {
      guard let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) else {
        return APIReply.badRequest("The faults document is not valid JSON")
      }
      value = parsed
    }
    do {
      let plan = try FaultPlan.parse(value)
      await faults.replace(with: plan)
      return APIReply.json(plan)
    } catch {
      return APIReply.badRequest("Invalid faults document: \(error.message)")
    }
  }
}
