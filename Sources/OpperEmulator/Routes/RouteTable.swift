import HTTPTypes
import Hummingbird

/// The endpoints of one route group, collected and then installed so that every request under
/// the group's prefix passes the group's middleware: a known path answers its own methods and
/// `wrongMethod` for the others; any other path (a prefix of a known one included) answers
/// `notFound`. Hummingbird's router would otherwise answer an unmatched path or method itself,
/// outside the group's middleware and not in the API's error shape.
struct RouteTable {
  typealias Handler = @Sendable (Request, EmulatorRequestContext) async throws -> Response

  /// The methods each path is installed for.
  static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

  private var paths: [String] = []
  private var handlers: [String: [HTTPRequest.Method: Handler]] = [:]
  private let notFound: Handler
  private let wrongMethod: Handler

  init(notFound: @escaping Handler, wrongMethod: @escaping Handler) {
    self.notFound = notFound
    self.wrongMethod = wrongMethod
  }

  /// Adds an endpoint; `path` is relative to the group and uses Hummingbird's syntax
  /// (`:id`, `**`). A handler may throw `APIRefusal` to answer with its response.
  mutating func on(_ path: String, _ method: HTTPRequest.Method, use handler: @escaping Handler) {
    if handlers[path] == nil { paths.append(path) }
    handlers[path, default: [:]][method] = { request, context in
      do {
        return try await handler(request, context)
      } catch let refusal as APIRefusal {
        return refusal.response
      }
    }
  }

  /// Registers every endpoint, the wrong-method answers and the not-found catch-alls on `group`.
  func install(in group: RouterGroup<EmulatorRequestContext>) {
    var known = Set(paths)
    var prefixes: [String] = []
    for path in paths + ["**"] {
      let parts = path.split(separator: "/")
      for count in 0..<parts.count {
        let prefix = parts[..<count].joined(separator: "/")
        if known.insert(prefix).inserted { prefixes.append(prefix) }
      }
    }
    for path in paths {
      for method in Self.methods {
        group.on(RouterPath(path), method: method, use: handlers[path]?[method] ?? wrongMethod)
      }
    }
    for path in prefixes + ["**"] {
      for method in Self.methods { group.on(RouterPath(path), method: method, use: notFound) }
    }
  }
}
