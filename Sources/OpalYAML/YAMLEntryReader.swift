/// Reads the entries of one top-level mapping while the document is still being built, so a
/// large file's entries are never all in memory as nodes at once.
///
/// The builder asks `readsEntries(under:in:)` when the root mapping opens a mapping value.
/// From then on, each entry whose value is a mapping written in place (no anchor, tag or
/// unresolved alias inside it, and not reached through an alias) is handed to `read(_:in:)` as
/// soon as its mapping closes; the builder then drops that value's nodes and leaves an empty
/// mapping in its place, for which `YAMLDocument.isHandedOver` is true. Every other entry stays
/// in the document as usual. The entries are handed over in document order, and the handed-over
/// values stand in the finished mapping in that same order.
public protocol YAMLEntryReader: AnyObject {
  /// Whether the entries of the mapping under this key of the root mapping are to be handed
  /// over. The document is only lent: keep nothing of it.
  func readsEntries(under key: YAMLDocument.NodeID, in document: YAMLDocument) -> Bool

  /// Reads one completed entry. The document is lent for the call: its nodes from the entry's
  /// value on are gone when this returns, so keep nothing that refers to them (the key and
  /// every node before it stay).
  func read(_ entry: YAMLHandedEntry, in document: inout YAMLDocument)
}

/// One entry of a mapping handed to a `YAMLEntryReader`.
public struct YAMLHandedEntry: Sendable {
  /// The root mapping's key that the mapping holding the entry is the value of.
  public let mappingKey: YAMLDocument.NodeID
  /// The entry's key, a scalar; it stays in the document.
  public let key: YAMLDocument.NodeID
  /// The entry's value, a mapping; it is dropped once read.
  public let value: YAMLDocument.NodeID
}
