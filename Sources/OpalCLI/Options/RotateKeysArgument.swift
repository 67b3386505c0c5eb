/// `apply --rotate-keys [NAME…]`: the names are optional, which swift-argument-parser's options
/// cannot be, so a bare `--rotate-keys` (last, or followed by another option) is read as
/// `--rotate-keys=*` before parsing: every declared custom model in scope. Names are globs.
enum RotateKeysArgument {
  static let flag = "--rotate-keys"

  /// The arguments with a bare `--rotate-keys` given its `*`; anything after `--` is left alone.
  static func normalized(_ arguments: [String]) -> [String] {
    guard arguments.contains(flag) else { return arguments }
    var out = arguments
    for i in out.indices {
      if out[i] == "--" { break }
      guard out[i] == flag else { continue }
      let next = i + 1 < out.count ? out[i + 1] : nil
      if next == nil || next!.hasPrefix("-") { out[i] = flag + "=*" }
    }
    return out
  }
}
