/// Records kept in creation order with O(1) lookup by id and by name, O(1) delete and
/// O(page) paging. Deletes leave holes that the next page read compacts (once, O(n)).
struct OrderedRecords<Record: Sendable>: Sendable {
  private var slots: [Record?] = []
  private var slotById: [String: Int] = [:]
  private var idByName: [String: String] = [:]
  private var holes = 0
  private let idOf: @Sendable (Record) -> String
  private let nameOf: @Sendable (Record) -> String

  init(id: @escaping @Sendable (Record) -> String, name: @escaping @Sendable (Record) -> String) {
    idOf = id
    nameOf = name
  }

  var count: Int { slotById.count }

  /// Every record, in creation order.
  var all: [Record] { slots.compactMap { $0 } }

  func record(id: String) -> Record? { slotById[id].flatMap { slots[$0] } }

  func record(named name: String) -> Record? { idByName[name].flatMap { record(id: $0) } }

  func contains(name: String) -> Bool { idByName[name] != nil }

  /// Every name, for did-you-mean suggestions.
  var names: Dictionary<String, String>.Keys { idByName.keys }

  mutating func append(_ record: Record) {
    let id = idOf(record)
    slotById[id] = slots.count
    idByName[nameOf(record)] = id
    slots.append(record)
  }

  /// Replaces the record with the same id (its name may have changed).
  mutating func replace(_ record: Record) {
    let id = idOf(record)
    guard let slot = slotById[id], let old = slots[slot] else { return }
    idByName[nameOf(old)] = nil
    idByName[nameOf(record)] = id
    slots[slot] = record
  }

  @discardableResult
  mutating func remove(id: String) -> Record? {
    guard let slot = slotById.removeValue(forKey: id), let old = slots[slot] else { return nil }
    idByName[nameOf(old)] = nil
    slots[slot] = nil
    holes += 1
    return old
  }

  /// Records `offset ..< offset+limit` in creation order.
  mutating func page(offset: Int, limit: Int) -> [Record] {
    if holes > 0 { compact() }
    guard offset < slots.count else { return [] }
    let end = min(slots.count, offset + limit)
    return slots[offset..<end].compactMap { $0 }
  }

  private mutating func compact() {
    let live: [Record] = slots.compactMap { $0 }
    slots = live
    slotById.removeAll(keepingCapacity: true)
    for (i, record) in slots.enumerated() {
      if let record { slotById[idOf(record)] = i }
    }
    holes = 0
  }
}
