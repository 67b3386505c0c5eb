/// What to ask `GET /v3/models` for. opal reads the whole catalog with retired rows included
/// (`deprecated=true`) and the org's verdicts (`include=policy`).
public struct CatalogQuery: Hashable, Sendable {
  /// Include retired and retiring rows.
  public var deprecated: Bool
  /// Annotate each row with `policy` (needs the API key).
  public var includePolicy: Bool
  /// Only rows of this provider.
  public var provider: String?
  /// Only rows with every one of these capabilities.
  public var capabilities: [String]

  public init(
    deprecated: Bool = true, includePolicy: Bool = true, provider: String? = nil,
    capabilities: [String] = []
  ) {
    self.deprecated = deprecated
    self.includePolicy = includePolicy
    self.provider = provider
    self.capabilities = capabilities
  }

  /// The query parameters, percent-encoded, without `offset`/`limit`.
  var parameters: String {
    var parts = ["deprecated=\(deprecated)"]
    if includePolicy { parts.append("include=policy") }
    if let provider { parts.append("provider=\(OpperClient.pathSegment(provider))") }
    if !capabilities.isEmpty {
      parts.append("capability=" + capabilities.map(OpperClient.pathSegment).joined(separator: ","))
    }
    return parts.joined(separator: "&")
  }
}
