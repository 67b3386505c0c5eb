/// A path to a value inside a config document, as diagnostics name it: `aliases.sonnet4.models[2]`.
///
/// Indices are 0-based; keys holding characters other than letters, digits, `_`, `-` and `/` are
/// quoted (`aliases["a b"].models`). Every stage that names a place in the config (the YAML
/// reader, the config loader, the online checks) builds its paths with this type, so the same
/// value is always named the same way.
public struct ConfigKeyPath: Hashable, Sendable, Codable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// The rendered path ("" for the top of the document).
  public let text: String

  /// The top of the document.
  public static let root = ConfigKeyPath(rendered: "")

  /// A path already rendered in this type's syntax.
  public init(rendered: String) {
    self.text = rendered
  }

  public init(stringLiteral value: String) {
    self.text = value
  }

  /// `aliases.<name>`.
  public static func alias(_ name: String) -> ConfigKeyPath {
    ConfigKeyPath.root.child("aliases").child(name)
  }

  /// The path one key further.
  public func child(_ key: String) -> ConfigKeyPath {
    ConfigKeyPath(rendered: Self.appending(key: key, to: text))
  }

  /// The path one list item further.
  public func index(_ i: Int) -> ConfigKeyPath {
    ConfigKeyPath(rendered: text + "[" + String(i) + "]")
  }

  /// True for the top of the document.
  public var isRoot: Bool { text.isEmpty }

  public var description: String { text }

  /// `path.key`, or `path["key"]` when the key needs quoting.
  public static func appending(key: String, to path: String) -> String {
    let plain =
      !key.isEmpty
      && key.utf8.allSatisfy { c in
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 || c == 45
          || c == 47
      }
    guard plain else {
      return path + "[" + CompactJSON.quoted(key) + "]"
    }
    return path.isEmpty ? key : path + "." + key
  }

  public init(from decoder: Decoder) throws {
    text = try decoder.singleValueContainer().decode(String.self)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
  }
}
