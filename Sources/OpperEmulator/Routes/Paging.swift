import Hummingbird
import OpalCore

/// The `offset` (default 0, ≥ 0) and `limit` (default 100, 1…1000 for v2; `/v3/models`: 50, 1…500)
/// query parameters of a list,
/// refused in FastAPI's 422 shape (`loc: ["query", "limit"]`).
struct Paging: Sendable {
  var offset: Int
  var limit: Int

  init(_ request: Request, defaultLimit: Int = 100, maxLimit: Int = 1000) throws(APIRefusal) {
    let query = request.uri.queryParameters
    var errors = ValidationErrors()
    func read(_ key: String, default value: Int, min: Int, max: Int) -> Int {
      guard let text = query[key[...]].map(String.init) else { return value }
      guard let n = Int(text) else {
        errors.add(
          [.string("query"), .string(key)],
          "Input should be a valid integer, unable to parse string as an integer",
          "int_parsing", input: .string(text))
        return value
      }
      if n < min {
        errors.add(
          [.string("query"), .string(key)], "Input should be greater than or equal to \(min)",
          "greater_than_equal", input: .string(text))
      } else if n > max {
        errors.add(
          [.string("query"), .string(key)], "Input should be less than or equal to \(max)",
          "less_than_equal", input: .string(text))
      }
      return n
    }
    offset = read("offset", default: 0, min: 0, max: Int.max)
    limit = read("limit", default: defaultLimit, min: 1, max: maxLimit)
    guard errors.isEmpty else { throw errors.refusal }
  }

  /// This page of `items`.
  func slice<Item>(_ items: [Item]) -> [Item] {
    offset < items.count ? Array(items[offset..<min(items.count, offset + limit)]) : []
  }
}
