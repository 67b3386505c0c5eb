/// Which root a request path is relative to. The configured base URL names the v2 API
/// (`https://api.opper.ai/v2`); other versions (`/v3/models`, the catalog) live beside it on the
/// same host, so their paths are written from the host root and errors name them in full.
enum APIRoot: Sendable {
  /// The configured base URL (`…/v2`): paths like `/models/aliases`.
  case v2
  /// The host root: paths like `/v3/models`.
  case host

  /// The root URL, from the validated base URL: a base ending in `/v2` loses that segment for
  /// `.host`; any other base (already a bare host) is used as it is.
  func url(fromBase base: String) -> String {
    switch self {
    case .v2: return base
    case .host: return base.hasSuffix("/v2") ? String(base.dropLast(3)) : base
    }
  }
}
