/// The API's URL roots derived from one `--base-url`: `https://api.opper.ai` names the host and
/// opal adds `/v2`, `/v3` and `/management/v1`; a URL already ending in one of those (the old
/// `https://api.opper.ai/v2`) names the same host.
public enum APIRoot {
  /// The suffixes a base URL may already carry.
  static let knownSuffixes = ["/management/v1", "/v2", "/v3"]

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
