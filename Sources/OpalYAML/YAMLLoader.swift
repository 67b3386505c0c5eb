import OpalCore

/// Reads one YAML document into a `YAMLNode` tree, turning every problem — libyaml's own
/// errors, duplicate keys, unknown anchors, hostile sizes — into diagnostics.
///
/// `root` is nil when the document could not be read at all; it may be present alongside
/// error diagnostics (for example a duplicate key) so callers can report more in one run.
public enum YAMLLoader {
  /// Parses UTF-8 text.
  public static func load(text: String, file: String, limits: YAMLLimits = YAMLLimits())
    -> (root: YAMLNode?, diagnostics: [Diagnostic])
  {
    var text = text
    return text.withUTF8 { checkedLoad($0, file: file, limits: limits) }
  }

  /// Parses raw file bytes: size, NUL bytes (binary files) and UTF-8 are checked first.
  public static func load(bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits())
    -> (root: YAMLNode?, diagnostics: [Diagnostic])
  {
    bytes.withUnsafeBufferPointer { checkedLoad($0, file: file, limits: limits) }
  }

  private static func checkedLoad(
    _ buffer: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits
  ) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
    if let problem = InputCheck.problem(in: buffer, file: file, limits: limits) {
      return (nil, [problem])
    }
    var builder = YAMLTreeBuilder(buffer: buffer, file: file, limits: limits)
    return builder.build()
  }
}
