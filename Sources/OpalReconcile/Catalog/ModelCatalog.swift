import OpperAPI

/// The v3 catalog indexed by every name a row answers to (its id, its aliases), for the
/// catalog checks, the prices in a plan and `opal impact`.
public struct ModelCatalog: Sendable {
  public let rows: [CatalogModel]
  private let byName: [String: Int]

  public init(_ rows: [CatalogModel]) {
    self.rows = rows
    var index: [String: Int] = [:]
    for (i, row) in rows.enumerated() {
      for name in row.names where index[name] == nil { index[name] = i }
    }
    byName = index
  }

  /// The row for a hop's model name, if the catalog has it.
  public func row(_ model: String) -> CatalogModel? {
    byName[model].map { rows[$0] }
  }

  public var isEmpty: Bool { rows.isEmpty }

  /// The provider of a model: its catalog row's, else the part before the first `/`.
  public func provider(of model: String) -> String {
    if let row = row(model), !row.provider.isEmpty { return row.provider }
    return String(model.prefix { $0 != "/" })
  }
}
