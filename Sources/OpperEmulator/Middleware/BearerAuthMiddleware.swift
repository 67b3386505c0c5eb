import Foundation
import Hummingbird

/// Lets a request through only with `Authorization: Bearer KEY`: the configured key (compared
/// in constant time) or, without one, any non-empty token. Else 401 `UnauthorizedError`.
struct BearerAuthMiddleware: RouterMiddleware {
  typealias Context = EmulatorRequestContext
  let apiKey: String?

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard authorized(request) else { return APIReply.unauthorized() }
    return try await next(request, context)
  }

  func authorized(_ request: Request) -> Bool {
    guard let header = request.headers[.authorization] else { return false }
    let prefix = "bearer "
    guard header.count > prefix.count, header.lowercased().hasPrefix(prefix) else { return false }
    let token = header.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
    guard !token.isEmpty else { return false }
    guard let apiKey else { return true }
    return Self.constantTimeEquals(token, apiKey)
  }

  private static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var diff = UInt8(x.count == y.count ? 0 : 1)
    for i in 0..<min(x.count, y.count) { diff |= x[i] ^ y[i] }
    return diff == 0
  }
}
