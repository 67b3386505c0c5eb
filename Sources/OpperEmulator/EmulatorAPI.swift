import Foundation
import Hummingbird
import OpalCore
import OpperAPI

/// The `/v2` API of the emulator: routes a request (already authenticated and past the fault
/// injector) to the operation that answers it.
struct EmulatorAPI: Sendable {
  let store: ResourceStore
  let traces: TraceStore
  let calls: CallEngine
  let catalog: [LanguageModel]

  /// One decoded request: method, path segments after `/v2` (raw, still percent-encoded),
  /// query and body.
  struct Incoming: Sendable {
    var method: String
    var segments: [String]
    var query: [String: String]
    var body: ByteBuffer
  }

  func respond(to request: Incoming) async -> Response {
    let s = request.segments
    let m = request.method
    switch (s.first, s.count) {
    case ("models", 1):
      return m == "GET" ? listModels(request) : methodNotAllowed(m)
    case ("models", _) where s[1] == "aliases":
      return await aliasRoute(request, rest: Array(s.dropFirst(2)))
    case ("models", _) where s[1] == "custom":
      return await customModelRoute(request, rest: Array(s.dropFirst(2)))
    case ("call", 1):
      return m == "POST" ? await call(request) : methodNotAllowed(m)
    case ("spans", 2):
      guard m == "GET" else { return methodNotAllowed(m) }
      guard let span = await traces.span(id: Self.decode(s[1])) else {
        return APIReply.notFound("Span not found")
      }
      return APIReply.json(span)
    case ("traces", 2):
      guard m == "GET" else { return methodNotAllowed(m) }
      guard let trace = await traces.trace(id: Self.decode(s[1])) else {
        return APIReply.notFound("Trace not found")
      }
      return APIReply.json(trace)
    default:
      return APIReply.notFound("Not Found")
    }
  }

  private func listModels(_ request: Incoming) -> Response {
    switch Self.paging(request.query) {
    case .failure(let errors): return errors.response
    case .success(let (offset, limit)):
      let slice = offset < catalog.count ? Array(catalog[offset..<min(catalog.count, offset + limit)]) : []
      return APIReply.json(Page(totalCount: catalog.count, data: slice))
    }
  }

  func methodNotAllowed(_ method: String) -> Response {
    APIReply.error(405, "MethodNotAllowedError", "Method \(method) is not allowed here")
  }

  /// `offset` (default 0, ≥ 0) and `limit` (default 100, 1…1000), with FastAPI's 422 shape.
  static func paging(_ query: [String: String]) -> Result<(offset: Int, limit: Int), ValidationErrors> {
    var errors = ValidationErrors()
    func read(_ key: String, default value: Int, min: Int, max: Int) -> Int {
      guard let text = query[key] else { return value }
      guard let n = Int(text) else {
        errors.add(
          [.string("query"), .string(key)],
          "Input should be a valid integer, unable to parse string as an integer",
          "int_parsing", input: .string(text))
        return value
      }
      if n < min {
        errors.add(
          [.string("query"), .string(key)], "Input should be greater than or equal to \(min)",
          "greater_than_equal",
          input: .string(text))
      } else if n > max {
        errors.add(
          [.string("query"), .string(key)], "Input should be less than or equal to \(max)", "less_than_equal",
          input: .string(text))
      }
      return n
    }
    let offset = read("offset", default: 0, min: 0, max: Int.max)
    let limit = read("limit", default: 100, min: 1, max: 1000)
    return errors.isEmpty ? .success((offset, limit)) : .failure(errors)
  }

  /// Percent-decodes a path segment (a name may hold an encoded `/`).
  static func decode(_ segment: String) -> String { segment.removingPercentEncoding ?? segment }

  /// Parses a raw query string (`a=1&b=x%20y`).
  static func parseQuery(_ query: String?) -> [String: String] {
    guard let query, !query.isEmpty else { return [:] }
    var out: [String: String] = [:]
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = decodeQueryPart(parts[0])
      let value = parts.count > 1 ? decodeQueryPart(parts[1]) : ""
      if out[key] == nil { out[key] = value }
    }
    return out
  }

  private static func decodeQueryPart(_ part: Substring) -> String {
    let spaced = part.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }
}
