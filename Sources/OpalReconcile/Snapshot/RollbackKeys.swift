import OpalConfig

/// The keys a rollback may send when it creates again a custom model the apply deleted (SPEC
/// §15): the API never returns a key, so it comes from the config's `{env:}` / `{file:}`
/// reference, read by the CLI before planning. `sources` is what the plan shows ("key: will be
/// sent (from …)"), `values` what the create sends; a model in neither is created again
/// without a key, and the plan says how to send it (`opal apply --rotate-keys NAME`).
public struct RollbackKeys: Sendable {
  /// The config's declaration of each model whose key was read, by name.
  public var sources: [String: CustomModelSpec]
  public var values: [String: SecretValue]

  public init(sources: [String: CustomModelSpec] = [:], values: [String: SecretValue] = [:]) {
    self.sources = sources
    self.values = values
  }
}
