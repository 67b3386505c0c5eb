import Foundation
import Hummingbird
import OpalCore
import OpperAPI

/// Runs `POST /call`: expands the `model` field (a name, an object, a list, an alias → its
/// chain), tries each model in order under the model faults, produces a deterministic answer
/// and records the whole call as a trace.
struct CallEngine: Sendable {
  let store: ResourceStore
  let traces: TraceStore
  let faults: FaultInjector
  let pricing: [String: LanguageModel]
  let defaultModel: String
  /// Retirement date and successor by model id (rows of the v3 catalog that have a date).
  var retirements: [String: (date: Date, successor: String?)] = [:]
  /// The emulator's clock: a model whose date has passed fails its attempts.
  var now: @Sendable () -> Date = { Date() }

  /// HTTP status and type of a call whose every model failed (see docs/emulator.md).
  static let allFailedStatus = 503
  static let allFailedType = "ServiceUnavailableError"

  func run(_ request: CallRequest) async -> Response {
    if case .name(let model) = request.model, model.hasPrefix(RouteCallRunner.prefix) {
      return await RouteCallRunner(engine: self).run(
        request, route: String(model.dropFirst(RouteCallRunner.prefix.count)))
    }
    var specs: [ModelSpec] = []
    for entry in Self.entries(of: request.model, defaultModel: defaultModel) {
      if await store.isModel(entry.name) {
        specs.append(entry)
      } else if let alias = await store.alias(named: entry.name) {
        specs += alias.fallbackModels.map {
          ModelSpec(name: $0, options: entry.options, extraHeaders: entry.extraHeaders)
        }
      } else {
        let hints = await store.suggestions(for: entry.name)
        let hint = hints.isEmpty ? "" : " Did you mean \(hints.map { "'\($0)'" }.joined(separator: ", "))?"
        return APIReply.badRequest(
          "Model '\(entry.name)' not found: it is neither a model nor an alias.\(hint)",
          detail: .object(["model": .string(entry.name), "suggestions": .array(hints.map { .string($0) })]))
      }
    }
    var recorder = CallRecorder(request: request)
    let maxParseAttempts = Self.maxAttempts(request.configuration)
    let echo = AnswerText.echo(of: request.input)
    for (modelIndex, spec) in specs.enumerated() {
      let started = Date()
      guard await store.isModel(spec.name) else {
        recorder.attempt(
          spec, modelIndex: modelIndex, started: started, parseAttempt: nil,
          failure: .init(status: 404, type: "NotFoundError", message: "Model '\(spec.name)' not found"))
        continue
      }
      if let retired = retirements[spec.name], retired.date <= now() {
        // Retired rows leave the pools (shared/opper-routes-api.md §5): the attempt fails and the
        // chain moves on; the message names the successor.
        let successor = retired.successor.map { "; its successor is '\($0)'" } ?? ""
        recorder.attempt(
          spec, modelIndex: modelIndex, started: started, parseAttempt: nil,
          failure: .init(
            status: 400, type: "BadRequestError",
            message: "Model '\(spec.name)' was retired on \(CatalogDate.day(retired.date))\(successor)"))
        continue
      }
      let decision = await faults.decideModel(spec.name)
      if decision.latencyMs > 0 { try? await Task.sleep(for: .milliseconds(decision.latencyMs)) }
      if let status = decision.status {
        let message =
          decision.message ?? "Model '\(spec.name)' is unavailable (emulated fault, HTTP \(status))"
        recorder.attempt(
          spec, modelIndex: modelIndex, started: started, parseAttempt: nil,
          failure: .init(status: status, type: APIReply.typeName(forStatus: status), message: message))
        continue
      }
      if let schema = request.outputSchema {
        for parseAttempt in 1...maxParseAttempts {
          let attemptStart = parseAttempt == 1 ? started : Date()
          if await faults.takeMalformedOutput(spec.name) {
            recorder.attempt(
              spec, modelIndex: modelIndex, started: attemptStart, parseAttempt: parseAttempt,
              failure: .init(
                status: nil, type: "ParseError",
                message: "structured output attempt \(parseAttempt) of \(maxParseAttempts) "
                  + "could not be parsed as JSON matching the output schema"),
              output: .string("{\"\(echo.prefix(12))"))
            continue
          }
          let payload = SchemaValueGenerator(root: schema, text: echo).value()
          recorder.attempt(
            spec, modelIndex: modelIndex, started: attemptStart, parseAttempt: parseAttempt, failure: nil,
            output: payload)
          return await finish(recorder, spec: spec, output: payload, isText: false)
        }
        continue
      }
      let text = AnswerText.answer(
        model: spec.name, instructions: request.instructions, input: request.input, echo: echo)
      recorder.attempt(
        spec, modelIndex: modelIndex, started: started, parseAttempt: nil, failure: nil, output: .string(text)
      )
      return await finish(recorder, spec: spec, output: .string(text), isText: true)
    }
    let (trace, spans) = recorder.finish(output: nil, servedBy: nil, usage: nil)
    await traces.record(trace, spans: spans)
    let summary = recorder.failures.map { "\($0.model) (\($0.failure.summary))" }.joined(separator: ", ")
    return APIReply.error(
      Self.allFailedStatus, Self.allFailedType,
      "All models failed: \(summary.isEmpty ? "no model to try" : summary)",
      detail: .object([
        "span_id": .string(recorder.rootSpanId), "trace_id": .string(recorder.traceId),
        "attempts": .array(
          recorder.failures.map { f in
            .object([
              "model": .string(f.model), "type": .string(f.failure.type),
              "message": .string(f.failure.message),
              "status": f.failure.status.map { .integer($0) } ?? .null,
            ])
          }),
      ]))
  }

  func finish(
    _ recorder: CallRecorder, spec: ModelSpec, output: JSONValue, isText: Bool, meta: CallMeta? = nil
  ) async -> Response {
    let request = recorder.request
    let inputText =
      (request.instructions ?? "") + (request.input?.canonicalJSON ?? "")
      + (request.outputSchema?.canonicalJSON ?? "")
    let inputTokens = max(1, inputText.count / 4)
    let outputTokens = max(1, (output.stringValue ?? output.canonicalJSON).count / 4)
    let usage = CallUsage(
      inputTokens: inputTokens, outputTokens: outputTokens, totalTokens: inputTokens + outputTokens)
    let price = pricing[spec.name]
    let generation =
      Double(inputTokens) * (price?.inputCostPerToken ?? 0)
      + Double(outputTokens) * (price?.outputCostPerToken ?? 0)
    let (trace, spans) = recorder.finish(output: output, servedBy: spec.name, usage: usage)
    await traces.record(trace, spans: spans)
    let response = CallResponse(
      spanId: recorder.rootSpanId, message: isText ? output.stringValue : nil,
      jsonPayload: isText ? nil : output, cached: false, images: nil, usage: usage,
      cost: CallCost(total: generation, generation: generation, platform: 0), meta: meta)
    return APIReply.json(response)
  }

  /// The models named by the `model` field, in order (the default model when absent).
  static func entries(of model: CallModel?, defaultModel: String) -> [ModelSpec] {
    switch model {
    case nil: return [ModelSpec(name: defaultModel)]
    case .name(let n): return [ModelSpec(name: n)]
    case .spec(let s): return [s]
    case .list(let l): return l
    }
  }

  /// `invocation.structured_generation.max_attempts` (default 3, at least 1, at most 20).
  static func maxAttempts(_ configuration: [String: JSONValue]?) -> Int {
    guard let value = configuration?["invocation.structured_generation.max_attempts"]?.doubleValue else {
      return 3
    }
    return min(20, max(1, Int(value)))
  }
}
