import Hummingbird
import OpperAPI

/// `GET /models`: the language-model catalog, paged.
struct CatalogRoutes: Sendable {
  let catalog: [LanguageModel]

  func register(in table: inout RouteTable) {
    table.on("models", .get) { request, _ in
      let paging = try Paging(request)
      return APIReply.json(Page(totalCount: catalog.count, data: paging.slice(catalog)))
    }
  }
}
