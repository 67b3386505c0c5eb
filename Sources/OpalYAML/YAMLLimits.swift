/// Bounds that keep hostile input from hurting: each is refused with a clear error, before
/// the work it would cause is done.
public struct YAMLLimits: Sendable {
  /// Largest input accepted, in bytes (default 32 MiB).
  public var maxFileBytes: Int
  /// Deepest nesting of sequences and mappings, counting what aliases bring in (default 256).
  public var maxDepth: Int
  /// Most nodes alias references (`*name`) may bring into the document, counting each
  /// reference as the whole subtree it stands for (default 1,000,000). Nodes written out are
  /// bounded by `maxFileBytes` instead.
  public var maxExpandedNodes: Int
  /// Most alias references (`*name`) in one document (default 100,000).
  public var maxAliasReferences: Int
  /// Most bytes of scalar text that alias references may copy in, beyond the text written
  /// (default 16 MiB): one long string aliased many times is a 'billion laughs' of bytes.
  public var maxAliasExpandedBytes: Int

  public init() {
    maxFileBytes = 32 * 1024 * 1024
    maxDepth = 256
    maxExpandedNodes = 1_000_000
    maxAliasReferences = 100_000
    maxAliasExpandedBytes = 16 * 1024 * 1024
  }
}
