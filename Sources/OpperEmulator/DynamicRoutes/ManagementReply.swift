import Foundation
import Hummingbird
import OpalCore
import OpperAPI

/// The management API's answer shapes (opper-routes-api.md §1.2): `{"data", "meta"}` on
/// success; the error envelope `{"error": {"code", "message", "details"}, "meta": {}}`; the bare
/// `{"error": "…"}` of a 404; the plan/scope gate body of a 403.
enum ManagementReply {
  private struct Envelope<Payload: Encodable>: Encodable {
    var data: Payload
    var meta: ManagementMeta
  }

  static func data<Payload: Encodable>(
    _ payload: Payload, meta: ManagementMeta = ManagementMeta(), status: HTTPResponse.Status = .ok
  ) -> Response {
    APIReply.json(Envelope(data: payload, meta: meta), status: status)
  }

  static func error(_ status: Int, _ code: String, _ message: String, details: JSONValue = .null) -> Response
  {
    body(
      status,
      .object([
        "error": .object(["code": .string(code), "message": .string(message), "details": details]),
        "meta": .object([:]),
      ]))
  }

  static func notFound(_ message: String) -> Response { body(404, .object(["error": .string(message)])) }

  /// The 403 a key without the endpoint's scope gets.
  static func missingScope(_ scope: String, _ message: String) -> Response {
    body(
      403,
      .object([
        "error": .string(message), "required_scope": .string(scope),
        "current_plan": .string("enterprise"), "allowed_plans": .array([.string("enterprise")]),
      ]))
  }

  static func issuesJSON(_ issues: [RouteIssue]) -> JSONValue {
    .array(
      issues.map { issue in
        var item: [String: JSONValue] = [
          "code": .string(issue.code), "message": .string(issue.message),
          "severity": .string(issue.severity ?? "error"),
        ]
        if let node = issue.node { item["node"] = .string(node) }
        if let field = issue.field { item["field"] = .string(field) }
        return .object(item)
      })
  }

  private static func body(_ status: Int, _ value: JSONValue) -> Response {
    Response(
      status: HTTPResponse.Status(code: status), headers: APIReply.jsonHeaders,
      body: ResponseBody(byteBuffer: ByteBuffer(string: value.canonicalJSON)))
  }
}

/// A management request body: a JSON object, or nothing (an empty body reads as `{}`); anything
/// else is refused with 422 `invalid_body`.
struct ManagementBody: Sendable {
  var fields: [String: JSONValue]

  static func read(_ request: Request, context: EmulatorRequestContext) async throws(APIRefusal)
    -> ManagementBody
  {
    var request = request
    let buffer: ByteBuffer
    do {
      buffer = try await request.collectBody(upTo: context.maxUploadSize)
    } catch {
      throw APIRefusal(APIReply.tooLarge())
    }
    guard buffer.readableBytes > 0 else { return ManagementBody(fields: [:]) }
    guard let value = try? JSONValueReader.read(Array(buffer.readableBytesView)),
      let object = value.objectValue
    else {
      throw APIRefusal(ManagementReply.error(422, "invalid_body", "the body must be a JSON object"))
    }
    return ManagementBody(fields: object)
  }

  /// An optional integer field (`null` reads as absent); a non-integer is refused.
  func int(_ key: String) throws(APIRefusal) -> Int? {
    guard let value = fields[key], value != .null else { return nil }
    if case .integer(let i) = value { return i }
    throw APIRefusal(
      ManagementReply.error(
        422, "invalid_field", "\(key) must be an integer", details: .object(["field": .string(key)])))
  }

  /// An optional string field; a non-string is refused.
  func string(_ key: String) throws(APIRefusal) -> String? {
    guard let value = fields[key], value != .null else { return nil }
    guard let s = value.stringValue else {
      throw APIRefusal(
        ManagementReply.error(
          422, "invalid_field", "\(key) must be a string", details: .object(["field": .string(key)])))
    }
    return s
  }
}
