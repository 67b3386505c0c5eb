import Foundation
import OpalCore

/// `"METHOD /path"` with `*` wildcards (crossing `/`); `"*"` alone matches every request.
struct EndpointPattern: Sendable {
  let method: String
  let path: String
  /// `path` as a glob in which only `*` is special (`?`, `[` and `\` are literal in a path).
  private let glob: Glob?

  init(_ key: String) {
    let trimmed = key.trimmingCharacters(in: .whitespaces)
    if let space = trimmed.firstIndex(of: " ") {
      method = String(trimmed[..<space]).uppercased()
      path = trimmed[space...].trimmingCharacters(in: .whitespaces)
    } else if trimmed.hasPrefix("/") {
      method = "*"
      path = trimmed
    } else {
      method = trimmed == "*" ? "*" : trimmed.uppercased()
      path = "*"
    }
    var escaped = ""
    for c in path {
      if c == "?" || c == "[" || c == "\\" { escaped.append("\\") }
      escaped.append(c)
    }
    glob = try? Glob(escaped)
  }

  /// More literal characters first, so exact routes are considered before catch-alls.
  var specificity: Int { (method == "*" ? 0 : 1000) + path.filter { $0 != "*" }.count }

  func matches(method requestMethod: String, path requestPath: String) -> Bool {
    (method == "*" || method == requestMethod) && glob?.matches(requestPath) == true
  }
}
