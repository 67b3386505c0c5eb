import OpperAPI

/// Why a store operation did not happen: no record with that id, or the name is taken.
enum StoreFailure: Error, Equatable {
  case notFound
  case conflict(String)
}

/// The records of one resource (aliases, custom models, …) in creation order: lookups by id
/// and by name in O(1), names unique (a taken name is a conflict, on create and on rename),
/// lists read in pages.
struct ResourceCollection<Record: StoredRecord>: Sendable {
  private var records = OrderedRecords<Record>(id: { $0.id }, name: { $0.name })

  var count: Int { records.count }

  /// Every record, in creation order.
  var all: [Record] { records.all }

  /// Every name, for did-you-mean suggestions.
  var names: [String] { Array(records.names) }

  func record(id: String) -> Record? { records.record(id: id) }

  func record(named name: String) -> Record? { records.record(named: name) }

  func contains(name: String) -> Bool { records.contains(name: name) }

  /// Adds `record` at the end, unless its name is taken.
  mutating func insert(_ record: Record) -> Result<Record, StoreFailure> {
    if records.contains(name: record.name) { return .failure(.conflict(record.name)) }
    records.append(record)
    return .success(record)
  }

  /// Applies `patch` to the record with `id`, unless it renames it onto a taken name.
  mutating func update(id: String, _ patch: Record.Patch) -> Result<Record, StoreFailure> {
    guard let record = records.record(id: id) else { return .failure(.notFound) }
    if let name = Record.newName(in: patch), name != record.name, records.contains(name: name) {
      return .failure(.conflict(name))
    }
    let updated = record.applying(patch)
    records.replace(updated)
    return .success(updated)
  }

  /// Puts `record` in place of the one with its id, or at the end (reloading saved state).
  mutating func put(_ record: Record) {
    if records.record(id: record.id) != nil { records.replace(record) } else { records.append(record) }
  }

  @discardableResult
  mutating func remove(id: String) -> Record? { records.remove(id: id) }

  /// Records `offset ..< offset+limit` and the total count.
  mutating func page(offset: Int, limit: Int) -> Page<Record> {
    Page(totalCount: records.count, data: records.page(offset: offset, limit: limit))
  }
}
