extension Glob {
  /// The glob that matches exactly `name` and nothing else (`*`, `?`, `[` and `\` escaped), for
  /// a scope built from names rather than patterns (a snapshot's aliases, a verify filter).
  public static func literal(_ name: String) -> Glob {
    var pattern = ""
    for character in name {
      if "*?[]\\".contains(character) { pattern.append("\\") }
      pattern.append(character)
    }
    // Every special character is escaped and the pattern never ends in a lone backslash.
    guard let glob = try? Glob(pattern) else { preconditionFailure("an escaped name is a valid glob") }
    return glob
  }
}

extension GlobSet {
  /// The set matching exactly these names.
  public static func literal(_ names: some Sequence<String>) -> GlobSet {
    GlobSet(names.map(Glob.literal))
  }
}
