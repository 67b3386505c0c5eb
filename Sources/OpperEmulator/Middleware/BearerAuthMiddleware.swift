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
    let token = Self.asciiToken(header) ?? Self.token(header)
    guard !token.isEmpty else { return false }
    guard let apiKey else { return true }
    return Self.constantTimeEquals(token, Array(apiKey.utf8))
  }

  /// The token after `Bearer ` (in any case), without surrounding white space; empty when the
  /// header does not start so.
  static func token(_ header: String) -> [UInt8] {
    let prefix = "bearer "
    guard header.count > prefix.count, header.lowercased().hasPrefix(prefix) else { return [] }
    return Array(header.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces).utf8)
  }

  /// `token(header)` for a header of printable ASCII and tabs (what every client sends), read
  /// from its bytes; nil for any other header, which `token` reads (`lowercased()` and
  /// `trimmingCharacters` were ~5 % of the emulator's CPU in an apply of 1,000 creates).
  static func asciiToken(_ header: String) -> [UInt8]? {
    var bytes = Array(header.utf8)
    guard bytes.allSatisfy({ $0 == 0x09 || (0x20..<0x7F).contains($0) }) else { return nil }
    let prefix = Array("bearer ".utf8)
    guard bytes.count > prefix.count,
      zip(bytes, prefix).allSatisfy({ byte, want in byte | 0x20 == want })
    else { return [] }
    bytes.removeFirst(prefix.count)
    let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
    guard let first = bytes.firstIndex(where: { !blank($0) }),
      let last = bytes.lastIndex(where: { !blank($0) })
    else { return [] }
    return Array(bytes[first...last])
  }

  private static func constantTimeEquals(_ x: [UInt8], _ y: [UInt8]) -> Bool {
    var diff = UInt8(x.count == y.count ? 0 : 1)
    for i in 0..<min(x.count, y.count) { diff |= x[i] ^ y[i] }
    return diff == 0
  }
}
