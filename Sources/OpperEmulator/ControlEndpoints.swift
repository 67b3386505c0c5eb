import Foundation
import Hummingbird
import OpalCore

/// `/_emulator/*`: run-time control, without the key and never subject to faults.
/// - `GET|POST|DELETE /_emulator/faults`: read, replace (body = the faults document), clear.
/// - `GET|DELETE /_emulator/requests`: request counts by `"METHOD /v2/path"`, reset.
/// - `GET /_emulator/health`: `{"status": "ok"}`.
struct ControlEndpoints: Sendable {
  let faults: FaultInjector
  let counter: RequestCounter

  func respond(method: String, path: String, body: ByteBuffer) async -> Response {
    switch (method, path) {
    case ("GET", "/_emulator/faults"):
      return APIReply.json(await faults.plan)
    case ("POST", "/_emulator/faults"), ("PUT", "/_emulator/faults"):
      let value: JSONValue
      if body.readableBytes == 0 {
        value = .object([:])
      } else {
        guard let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView))
        else {
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
    case ("DELETE", "/_emulator/faults"):
      await faults.replace(with: FaultPlan())
      return APIReply.noContent()
    case ("GET", "/_emulator/requests"):
      return APIReply.json(await counter.counts)
    case ("DELETE", "/_emulator/requests"):
      await counter.reset()
      return APIReply.noContent()
    case ("GET", "/_emulator/health"):
      return APIReply.json(["status": "ok"])
    default:
      return APIReply.notFound("Unknown control endpoint \(method) \(path)")
    }
  }
}
