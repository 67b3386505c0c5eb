/// The fallback chains of a list of aliases, each distinct chain held once: an organization's
/// aliases share a few chains, and 100,000 decoded aliases held ~29 MB of copies of them (each
/// its own array and strings). The listing shares each page's chains as the page arrives, so
/// the copies of one page are freed before the next is kept.
public struct SharedChains: Sendable {
  private var chains: Set<[String]> = []

  public init() {}

  /// Replaces each alias's chain by the equal one seen first; the aliases are otherwise
  /// unchanged.
  public mutating func share(_ aliases: inout [Alias]) {
    for i in aliases.indices {
      let (inserted, shared) = chains.insert(aliases[i].fallbackModels)
      if !inserted { aliases[i].fallbackModels = shared }
    }
  }
}
