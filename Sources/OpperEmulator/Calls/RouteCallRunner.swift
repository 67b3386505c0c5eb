import Foundation
import HTTPTypes
import Hummingbird
import OpalCore
import OpperAPI

/// Runs a call to `dynamic/<name>` (opper-routes-api.md §4): walks the route's **active**
/// version from START; a model node tries its model, a pool its members in order, each under
/// the model faults; a node whose every attempt failed takes its fallback edge. Every attempt is
/// in the trace. The answer carries `meta.routing {requested, route, served}` and the
/// `X-Opper-Route-*` headers; the body's `model` field is not echoed (the v2 call answer has
/// none). A missing, undeployed or deleted route answers 404 with `X-Opper-Route-Error`.
struct RouteCallRunner: Sendable {
  static let prefix = "dynamic/"
  let engine: CallEngine

  func run(_ request: CallRequest, route name: String) async -> Response {
    let requested = Self.prefix + name
    guard let record = await engine.store.record(DynamicRouteRecord.self, named: name) else {
      return Self.routeError(404, "route_not_found", "Dynamic route '\(name)' not found")
    }
    guard let version = record.activeVersion else {
      return Self.routeError(404, "route_not_deployed", "Dynamic route '\(name)' has no deployed version")
    }
    guard let graph = try? RouteGraph(version.graph) else {
      return Self.routeError(500, "route_invalid", "Dynamic route '\(name)' has an unreadable graph")
    }
    var recorder = CallRecorder(request: request)
    var modelIndex = 0
    let faults = engine.faults
    let walk = await RouteGraphWalk.walk(
      graph, branch: { _ in nil },
      attempt: { element in
        for model in RouteGraph.models(of: element) {
          let spec = ModelSpec(name: model)
          let started = Date()
          defer { modelIndex += 1 }
          let decision = await faults.decideModel(model)
          if decision.latencyMs > 0 { try? await Task.sleep(for: .milliseconds(decision.latencyMs)) }
          if let status = decision.status {
            recorder.attempt(
              spec, modelIndex: modelIndex, started: started, parseAttempt: nil,
              failure: .init(
                status: status, type: APIReply.typeName(forStatus: status),
                message: decision.message
                  ?? "Model '\(model)' is unavailable (emulated fault, HTTP \(status))"))
            continue
          }
          return model
        }
        return nil
      })
    var headers: HTTPFields = [:]
    Self.set(&headers, "X-Opper-Route-Name", name)
    Self.set(&headers, "X-Opper-Route-Version", String(version.number))
    Self.set(&headers, "X-Opper-Route-Version-UUID", version.uuid)
    guard let served = walk.servedModel, let node = walk.answeringNode else {
      let (trace, spans) = recorder.finish(output: nil, servedBy: nil, usage: nil)
      await engine.traces.record(trace, spans: spans)
      Self.set(&headers, "X-Opper-Route-Error", "route_exhausted")
      Self.set(&headers, "X-Opper-Route-Status", "failed")
      let summary = recorder.failures.map { "\($0.model) (\($0.failure.summary))" }.joined(separator: ", ")
      return APIReply.error(
        CallEngine.allFailedStatus, CallEngine.allFailedType,
        "Every node of route '\(name)' failed: \(summary.isEmpty ? "no model to try" : summary)",
        detail: .object(["trace_id": .string(recorder.traceId), "span_id": .string(recorder.rootSpanId)]),
        headers: headers)
    }
    let spec = ModelSpec(name: served)
    let echo = AnswerText.echo(of: request.input)
    let output: JSONValue
    let isText: Bool
    if let schema = request.outputSchema {
      output = SchemaValueGenerator(root: schema, text: echo).value()
      isText = false
    } else {
      output = .string(
        AnswerText.answer(model: served, instructions: request.instructions, input: request.input, echo: echo)
      )
      isText = true
    }
    recorder.attempt(
      spec, modelIndex: modelIndex, started: Date(), parseAttempt: nil, failure: nil, output: output)
    let routing = CallRouting(
      requested: requested,
      route: .init(name: name, version: version.number, versionUUID: version.uuid, node: node), served: served
    )
    var response = await engine.finish(
      recorder, spec: spec, output: output, isText: isText, meta: CallMeta(routing: routing))
    Self.set(&headers, "X-Opper-Route-Model", served)
    Self.set(&headers, "X-Opper-Route-Node", node)
    response.headers.append(contentsOf: headers)
    return response
  }

  private static func set(_ headers: inout HTTPFields, _ name: String, _ value: String) {
    if let field = HTTPField.Name(name) { headers[field] = value }
  }

  private static func routeError(_ status: Int, _ code: String, _ message: String) -> Response {
    var headers: HTTPFields = [:]
    set(&headers, "X-Opper-Route-Error", code)
    set(&headers, "X-Opper-Route-Status", "failed")
    return APIReply.error(
      status, status == 404 ? "NotFoundError" : "InternalServerError", message, headers: headers)
  }
}
