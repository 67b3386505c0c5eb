import Foundation
import OpperAPI

/// One line of the state journal: a record of `kind` put (created or replaced whole, in place)
/// or the id of one deleted.
struct StateChange<Record: StoredRecord>: Codable, Sendable {
  var kind: String
  var put: Record?
  var delete: String?

  static func saved(_ record: Record) -> StateChange { StateChange(kind: Record.kind, put: record) }

  static func deleted(id: String) -> StateChange { StateChange(kind: Record.kind, delete: id) }
}

extension StoreContents {
  /// Replays one journal line. A new resource adds its `kind` here.
  mutating func apply(_ line: Data, decoder: JSONDecoder) throws {
    let kind = try decoder.decode(Kind.self, from: line).kind
    switch kind {
    case Alias.kind: apply(try decoder.decode(StateChange<Alias>.self, from: line))
    case CustomModel.kind: apply(try decoder.decode(StateChange<CustomModel>.self, from: line))
    case DynamicRouteRecord.kind: apply(try decoder.decode(StateChange<DynamicRouteRecord>.self, from: line))
    default: throw EmulatorFileError(path: "", message: "unknown kind '\(kind)'")
    }
  }

  mutating func apply<Record: StoredRecord>(_ change: StateChange<Record>) {
    if let record = change.put {
      self[keyPath: Record.collection].put(record)
    } else if let id = change.delete {
      self[keyPath: Record.collection].remove(id: id)
    }
  }

  private struct Kind: Decodable { var kind: String }
}
