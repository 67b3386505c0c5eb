/// One page of `GET /v3/models`: `{"models": [...], "total", "offset", "limit"}`.
public struct CatalogPage: Codable, Sendable {
  public var models: [CatalogModel]
  public var total: Int
  public var offset: Int
  public var limit: Int

  public init(models: [CatalogModel], total: Int, offset: Int, limit: Int) {
    self.models = models
    self.total = total
    self.offset = offset
    self.limit = limit
  }

  enum CodingKeys: String, CodingKey { case models, total, offset, limit }

  /// Tolerant: `total` missing means this page is the whole list; `offset`/`limit` default.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    models = try c.decode([CatalogModel].self, forKey: .models)
    total = try c.decodeIfPresent(Int.self, forKey: .total) ?? models.count
    offset = try c.decodeIfPresent(Int.self, forKey: .offset) ?? 0
    limit = try c.decodeIfPresent(Int.self, forKey: .limit) ?? models.count
  }
}

extension CatalogPage {
  /// The page in the shape the paged reader checks (its total and its items).
  var asPage: Page<CatalogModel> { Page(totalCount: total, data: models) }
}
