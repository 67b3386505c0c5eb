import Foundation
import Hummingbird
import OpalCore
import OpperAPI

/// `GET /v3/models`: the catalog as `{"models", "total", "offset", "limit"}`, paged (`limit`
/// 1–500, default 50), filtered by `deprecated` (default false: rows retired by the emulator's
/// clock are left out; rows retiring later are listed), `provider`, `capability` (comma list,
/// every one required), `type` and `q`, sorted by `sort` (`id|type|provider`) and `order`, and
/// with `include=policy` each row's `policy` verdict (which needs the key).
struct CatalogV3Routes: Sendable {
  let catalog: [CatalogModel]
  let policy: ModelPolicyRules
  let now: @Sendable () -> Date
  let auth: BearerAuthMiddleware

  func register(in table: inout RouteTable) {
    table.on("models", .get) { request, _ in
      let paging = try Paging(request, defaultLimit: 50, maxLimit: 500)
      let query = CatalogRequest(request)
      if let refusal = query.refusal { return refusal }
      if query.needsKey && !auth.authorized(request) { return APIReply.unauthorized() }
      let rows = query.select(from: catalog, now: now(), policy: policy)
      return APIReply.json(
        CatalogPage(models: paging.slice(rows), total: rows.count, offset: paging.offset, limit: paging.limit)
      )
    }
  }
}
