/// Bounds that keep hostile input from hurting: each is refused with a clear error, before
/// the work it would cause is done.
public struct YAMLLimits: Sendable {
  /// Largest input accepted, in bytes (default 32 MiB).
  public var maxFileBytes: Int
  /// Deepest nesting of sequences and mappings, counting what aliases bring in (default 256).
  public var maxDepth: Int
  /// Most nodes the document may hold once every alias is expanded (default 1,000,000).
  public var maxExpandedNodes: Int
  /// Most alias references (`*name`) in one document (default 100,000).
  public var maxAliasReferences: Int

  public init() {
    maxFileBytes = 32 * 1024 * 1024
    maxDepth = 256
    maxExpandedNodes = 1_000_000
    maxAliasReferences = 100_000
  }
}
