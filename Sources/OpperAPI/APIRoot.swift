/// The API's URL roots, all derived from one `--base-url`: `https://api.opper.ai` names the host
/// and opal adds `/v2`, `/v3` and `/management/v1`; a URL already ending in one of those (the old
/// `https://api.opper.ai/v2`) names the same host. A request path is relative to one root: `.v2`
/// (paths like `/models/aliases`) or `.host` (paths like `/v3/models`, written from the host root
/// so errors name them in full).
public enum APIRoot: Sendable {
  /// The v2 API (`…/v2`): aliases, custom models, calls and traces.
  case v2
  /// The host root: `/v3/models` and other versions beside v2.
  case host

  /// The suffixes a base URL may already carry.
  static let knownSuffixes = ["/management/v1", "/v2", "/v3"]

  /// This root's URL, from the validated base URL (the client's base is already the v2 root).
  func url(fromBase base: String) -> String {
    switch self {
    case .v2: return base
    case .host: return Self.host(of: base)
    }
  }

  /// The host root: `base` without a trailing slash or a known version suffix.
  public static func host(of base: String) -> String {
    var url = base.trimmingWhitespace()
    while url.hasSuffix("/") { url.removeLast() }
    for suffix in knownSuffixes where url.lowercased().hasSuffix(suffix) {
      url.removeLast(suffix.count)
      break
    }
    return url
  }

  /// `…/v2`: aliases, custom models, calls and traces.
  public static func v2(of base: String) -> String { host(of: base) + "/v2" }

  /// `…/management/v1`: dynamic routes.
  public static func management(of base: String) -> String { host(of: base) + "/management/v1" }
}
