import Foundation

/// The one JSON encoder for documents opal prints or saves: pretty, keys sorted (so output is
/// stable and diffs are small), slashes not escaped.
public enum PrettyJSON {
  /// `value` as JSON bytes, without a trailing newline. Encoding opal's value types cannot fail
  /// (string keys, no non-finite numbers); should it, the result is `{}`.
  public static func data(_ value: some Encodable) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)) ?? Data("{}".utf8)
  }

  /// `value` as JSON text, without a trailing newline.
  public static func string(_ value: some Encodable) -> String {
    String(decoding: data(value), as: UTF8.self)
  }
}
