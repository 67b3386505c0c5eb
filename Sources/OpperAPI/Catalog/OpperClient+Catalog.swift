// `GET /v3/models`: the catalog with retirement, capabilities, prices, regions and policy.
extension OpperClient {
  /// The largest page `/v3/models` is asked for (the documented range is 1–500).
  static let catalogPageLimit = 500

  /// Every row of the v3 catalog matching `query` (all pages, checked to add up like every
  /// list). When the server refuses `include=policy` (400, 403 or 422) the catalog is read
  /// again without it: policy is then unknown, not an error.
  public func listCatalog(
    _ query: CatalogQuery = CatalogQuery()
  ) async throws(OpperAPIError) -> [CatalogModel] {
    do {
      return try await readCatalog(query)
    } catch  where query.includePolicy && [400, 403, 422].contains(error.status ?? 0) {
      var plain = query
      plain.includePolicy = false
      return try await readCatalog(plain)
    }
  }

  private func readCatalog(_ query: CatalogQuery) async throws(OpperAPIError) -> [CatalogModel] {
    let listing = PagedListing<CatalogModel>(
      path: "/v3/models", query: query.parameters,
      pageSize: min(configuration.effectivePageSize, Self.catalogPageLimit),
      concurrency: configuration.pageConcurrency, key: { $0.id })
    return try await listing.fetchAll { [self] (pagePath: String) async throws(OpperAPIError) in
      let page = try await self.get(pagePath, as: CatalogPage.self, root: .host)
      return page.asPage
    }
  }
}
