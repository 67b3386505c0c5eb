import OpalCore

/// Renders the key paths diagnostics carry: `aliases.sonnet4.models[2]` (indices are 0-based;
/// keys with characters other than letters, digits, `_`, `-` and `/` are quoted: `aliases["a b"]`).
enum ConfigKeyPath {
  static func child(_ path: String, _ key: String) -> String {
    let plain =
      !key.isEmpty
      && key.utf8.allSatisfy { c in
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 || c == 45
          || c == 47
      }
    guard plain else {
      var quoted = ""
      JSONValue.writeEscaped(key, into: &quoted)
      return path + "[" + quoted + "]"
    }
    return path.isEmpty ? key : path + "." + key
  }

  static func index(_ path: String, _ i: Int) -> String {
    path + "[" + String(i) + "]"
  }
}
