import Foundation
import Hummingbird
import OpalCore
import OpperAPI

/// The filters of one `GET /v3/models` request.
struct CatalogRequest {
  var deprecated = false
  var provider: String?
  var capabilities: [String] = []
  var type: String?
  var search: String?
  var sort = "id"
  var descending = false
  var includes: Set<String> = []
  var refusal: Response?

  init(_ request: Request) {
    let q = request.uri.queryParameters
    func text(_ key: String) -> String? {
      q[key[...]].map { String($0).removingPercentEncoding ?? String($0) }.flatMap { $0.isEmpty ? nil : $0 }
    }
    var errors = ValidationErrors()
    if let d = text("deprecated") {
      switch d.lowercased() {
      case "true", "1", "yes": deprecated = true
      case "false", "0", "no": deprecated = false
      default:
        errors.add(
          [.string("query"), .string("deprecated")], "Input should be a valid boolean", "bool_parsing",
          input: .string(d))
      }
    }
    provider = text("provider")
    capabilities = text("capability").map { $0.split(separator: ",").map { String($0) } } ?? []
    type = text("type")
    search = text("q")?.lowercased()
    if let s = text("sort") {
      if ["id", "type", "provider"].contains(s) {
        sort = s
      } else {
        errors.add(
          [.string("query"), .string("sort")], "Input should be 'id', 'type' or 'provider'", "enum",
          input: .string(s))
      }
    }
    descending = text("order")?.lowercased() == "desc"
    includes = Set(text("include")?.split(separator: ",").map { String($0) } ?? [])
    if !errors.isEmpty { refusal = errors.refusal.response }
  }

  /// `include=policy` and `include=route` need the API key.
  var needsKey: Bool { includes.contains("policy") || includes.contains("route") }

  func select(from catalog: [CatalogModel], now: Date, policy: ModelPolicyRules) -> [CatalogModel] {
    var rows = catalog.filter { row in
      if !deprecated, let retired = row.retirementDate, retired <= now { return false }
      if let provider, row.provider != provider { return false }
      if let type, row.type != type { return false }
      if !capabilities.allSatisfy(row.capabilities.contains) { return false }
      if let search, !row.id.lowercased().contains(search), !row.name.lowercased().contains(search),
        !row.description.lowercased().contains(search)
      {
        return false
      }
      return true
    }
    let key: (CatalogModel) -> String
    switch sort {
    case "type": key = { $0.type + "\u{0}" + $0.id }
    case "provider": key = { $0.provider + "\u{0}" + $0.id }
    default: key = { $0.id }
    }
    rows.sort { descending ? key($0) > key($1) : key($0) < key($1) }
    if includes.contains("policy") {
      for i in rows.indices { rows[i].policy = policy.policy(for: rows[i].id) }
    }
    return rows
  }
}
