import Crypto
import OpalCore
import OpperAPI

/// The custom-model half of a plan (SPEC §15): the changes, the models already as declared, the
/// notes, and the in-scope remote custom models it was diffed against. Attached to a `Plan`
/// only when there is something to say, so a plan without custom models reads as before.
public struct CustomModelPlan: Hashable, Sendable, Codable {
  /// Creates, updates and rotations, then deletes, each by name.
  public var changes: [CustomModelChange]
  public var unchanged: [String]
  public var notes: [String]
  public var remoteSnapshot: [CustomModel]

  public init(
    changes: [CustomModelChange] = [], unchanged: [String] = [], notes: [String] = [],
    remoteSnapshot: [CustomModel] = []
  ) {
    self.changes = changes
    self.unchanged = unchanged
    self.notes = notes
    self.remoteSnapshot = remoteSnapshot
  }

  public var hasChanges: Bool { !changes.isEmpty }

  /// True when the half has nothing to show (no declared or in-scope custom model).
  public var isEmpty: Bool { changes.isEmpty && unchanged.isEmpty && notes.isEmpty && remoteSnapshot.isEmpty }

  /// The changes applied before the aliases (creates, updates, rotations), by name.
  public var writes: [CustomModelChange] { changes.filter { $0.action != .delete } }
  /// The changes applied after the aliases (deletes), by name.
  public var deletes: [CustomModelChange] { changes.filter { $0.action == .delete } }

  /// The changes of one kind, by name.
  public func changes(_ action: CustomModelChange.Action) -> [CustomModelChange] {
    changes.filter { $0.action == action }
  }

  /// The sha256 of what the half was made from: the desired content (with each key's reference,
  /// never a value) and, per in-scope remote custom model, its id and content. Rotation is an
  /// apply option, not part of what was planned from, so it is left out.
  public var fingerprint: String {
    var hasher = SHA256()
    // A rotation alone plans from the same state as no change: it counts as unchanged here.
    let contents = changes.compactMap { change -> JSONValue? in
      guard let after = change.after, change.action != .rotateKey else { return nil }
      return .object(["name": .string(change.name), "content": after.canonical])
    }
    let asDeclared = (unchanged + changes(.rotateKey).map(\.name)).sorted().map { JSONValue.string($0) }
    let document: JSONValue = .object([
      "desired": .array(contents + asDeclared),
      "remote": .array(
        remoteSnapshot.map { model in
          .object([
            "id": .string(model.id), "name": .string(model.name),
            "content": CustomModelContent(model).canonical,
          ])
        }),
    ])
    var text = document.canonicalJSON
    text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
  }

  enum CodingKeys: String, CodingKey {
    case changes, unchanged, notes
    case remoteSnapshot = "remote_snapshot"
  }
}
