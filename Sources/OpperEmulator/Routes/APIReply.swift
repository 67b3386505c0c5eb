import Foundation
import Hummingbird
import OpalCore

/// Building the API's responses: JSON bodies and `{"type", "message", "detail"}` errors.
enum APIReply {
  static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

  static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    guard let data = try? CompactJSON.bytes(value) else {
      return error(500, "InternalServerError", "The response could not be encoded")
    }
    return Response(
      status: status, headers: jsonHeaders, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  static func noContent() -> Response { Response(status: .noContent) }

  /// An error in the API's shape; `detail` is always present (null when there is none).
  static func error(
    _ status: Int, _ type: String, _ message: String, detail: JSONValue = .null,
    headers extra: HTTPFields = [:]
  ) -> Response {
    let body: JSONValue = .object(["type": .string(type), "message": .string(message), "detail": detail])
    var headers = jsonHeaders
    headers.append(contentsOf: extra)
    return Response(
      status: HTTPResponse.Status(code: status), headers: headers,
      body: ResponseBody(byteBuffer: ByteBuffer(string: body.canonicalJSON)))
  }

  static func notFound(_ message: String = "The resource was not found") -> Response {
    error(404, "NotFoundError", message)
  }

  static func unauthorized() -> Response {
    error(401, "UnauthorizedError", "The request is unauthorized")
  }

  static func conflict(_ message: String) -> Response { error(409, "ConflictError", message) }

  static func badRequest(_ message: String, detail: JSONValue = .null) -> Response {
    error(400, "BadRequestError", message, detail: detail)
  }

  static func methodNotAllowed(_ method: HTTPRequest.Method) -> Response {
    error(405, "MethodNotAllowedError", "Method \(method.rawValue) is not allowed here")
  }

  static func tooLarge() -> Response {
    error(413, "RequestEntityTooLargeError", "The request body is too large")
  }

  /// The usual error type for a status a fault injects.
  static func typeName(forStatus status: Int) -> String {
    switch status {
    case 400: return "BadRequestError"
    case 401: return "UnauthorizedError"
    case 403: return "ForbiddenError"
    case 404: return "NotFoundError"
    case 409: return "ConflictError"
    case 422: return "RequestValidationError"
    case 429: return "TooManyRequestsError"
    case 500: return "InternalServerError"
    case 502: return "BadGatewayError"
    case 503: return "ServiceUnavailableError"
    case 504: return "GatewayTimeoutError"
    default: return status >= 500 ? "ServerError" : "ClientError"
    }
  }
}

/// A request refused before its operation ran (a body too large or not valid, bad paging):
/// route handlers throw it and `RouteTable` answers with `response`, so middleware still sees
/// an ordinary response.
struct APIRefusal: Error {
  let response: Response
  init(_ response: Response) { self.response = response }
}
