import Foundation
import OpalCore

/// Turns a non-success answer (status and body) into an `OpperAPIError.Kind`: the API's
/// `{"type", "message", "detail"}` when the body is that, a short sanitised excerpt otherwise
/// (proxies answer with HTML or nothing at all). FastAPI's 422 `detail` list is rendered as
/// `body.name: String should have at least 1 character`.
public enum APIErrorDecoding {
  /// The longest excerpt of a non-JSON body kept in a message.
  static let excerptLimit = 160

  /// The error kind for `status` answered with `body`.
  /// `management`: also read the management API's bodies (`{"error": …}`, the 403 gate), which
  /// on `/v2` stay an excerpt.
  public static func kind(status: Int, body: [UInt8], management: Bool = false) -> OpperAPIError.Kind {
    if let decoded = try? JSONDecoder().decode(APIErrorBody.self, from: Data(body)) {
      return .http(status: status, type: decoded.type, message: message(of: decoded))
    }
    if management, let kind = ManagementErrorBody.kind(status: status, body: body) { return kind }
    return .http(status: status, type: nil, message: fallbackMessage(status: status, body: body))
  }

  /// The message plus a brief rendering of `detail` when it adds something.
  static func message(of body: APIErrorBody) -> String {
    let base = sanitise(body.message, limit: 300)
    guard let detail = body.detail, let rendered = render(detail: detail), !rendered.isEmpty,
      rendered != base
    else { return base.isEmpty ? "(no message)" : base }
    return base.isEmpty ? rendered : "\(base): \(rendered)"
  }

  /// `detail` as one short line: FastAPI's `[{loc, msg}]`, a string, or nothing.
  static func render(detail: JSONValue) -> String? {
    switch detail {
    case .string(let s): return sanitise(s, limit: 300)
    case .array(let items):
      let lines = items.compactMap(renderIssue)
      guard !lines.isEmpty else { return nil }
      var shown = lines.prefix(3).joined(separator: "; ")
      if lines.count > 3 { shown += "; (+\(lines.count - 3) more)" }
      return shown
    case .object:
      return renderIssue(detail)
    default: return nil
    }
  }

  private static func renderIssue(_ item: JSONValue) -> String? {
    guard let object = item.objectValue else { return item.stringValue.map { sanitise($0, limit: 200) } }
    guard let msg = object["msg"]?.stringValue ?? object["message"]?.stringValue else { return nil }
    let loc = (object["loc"]?.arrayValue ?? []).map { part -> String in
      switch part {
      case .string(let s): return s
      case .integer(let i): return String(i)
      default: return "?"
      }
    }
    let text = sanitise(msg, limit: 200)
    return loc.isEmpty ? text : "\(sanitise(loc.joined(separator: "."), limit: 120)): \(text)"
  }

  /// "HTTP 502 (empty body)", "HTTP 502 (non-JSON body)" for HTML, else a cleaned excerpt.
  static func fallbackMessage(status: Int, body: [UInt8]) -> String {
    let text = String(decoding: body.prefix(4096), as: UTF8.self).trimmingWhitespace()
    if text.isEmpty { return "HTTP \(status) (empty body)" }
    let lower = text.prefix(64).lowercased()
    if lower.hasPrefix("<") || lower.contains("<html") || lower.contains("<!doctype") {
      return "HTTP \(status) (non-JSON body)"
    }
    let excerpt = sanitise(text, limit: excerptLimit)
    return excerpt.isEmpty ? "HTTP \(status) (non-JSON body)" : "HTTP \(status): \(excerpt)"
  }

  /// One line of printable text: control characters dropped, whitespace runs collapsed,
  /// at most `limit` characters.
  static func sanitise(_ s: String, limit: Int) -> String {
    var out = ""
    var lastWasSpace = false
    for scalar in s.unicodeScalars {
      if scalar.properties.isWhitespace {
        if !lastWasSpace && !out.isEmpty { out.append(" ") }
        lastWasSpace = true
        continue
      }
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        || scalar.properties.generalCategory == .format
      {
        continue
      }
      out.unicodeScalars.append(scalar)
      lastWasSpace = false
      if out.count >= limit { return String(out.prefix(limit)) + "…" }
    }
    return out.trimmingWhitespace()
  }
}
