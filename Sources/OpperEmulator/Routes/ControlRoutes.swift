import Foundation
import Hummingbird
import OpalCore

/// The `/_emulator` group: run-time control, without the key, never faulted, not counted.
/// - `GET|POST|PUT|DELETE /_emulator/faults`: read, replace (body = the faults document), clear.
/// - `GET|DELETE /_emulator/requests`: request counts by `"METHOD /v2/path"`, reset.
/// - `GET /_emulator/health`: `{"status": "ok"}`.
struct ControlRoutes: Sendable {
  static let prefix = "_emulator"
  let faults: FaultInjector
  let counter: RequestCounter

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
