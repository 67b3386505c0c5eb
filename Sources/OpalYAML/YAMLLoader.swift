import OpalCore

/// Reads one YAML document, turning every problem — libyaml's own errors, duplicate keys,
/// unknown anchors, hostile sizes — into diagnostics.
///
/// The document (or root) is nil when the text could not be read at all; it may be present
/// alongside error diagnostics (for example a duplicate key) so callers can report more in
/// one run. `loadDocument` gives the flat `YAMLDocument`, the cheap form for large files;
/// `load` gives the same document as a tree of `YAMLNode` values. The stages of a command pass a
/// `DiagnosticCollector` (`into:`); the forms returning a list are for one-off callers.
public enum YAMLLoader {
  /// Parses UTF-8 text into a tree.
  public static func load(text: String, file: String, limits: YAMLLimits = YAMLLimits())
    -> (root: YAMLNode?, diagnostics: [Diagnostic])
  {
    let (document, diagnostics) = loadDocument(text: text, file: file, limits: limits)
    return (document?.rootNode, diagnostics)
  }

  /// Parses raw file bytes into a tree: size, NUL bytes (binary files) and UTF-8 are checked first.
  public static func load(bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits())
    -> (root: YAMLNode?, diagnostics: [Diagnostic])
  {
    let (document, diagnostics) = loadDocument(bytes: bytes, file: file, limits: limits)
    return (document?.rootNode, diagnostics)
  }

  /// Parses UTF-8 text into a flat document.
  public static func loadDocument(text: String, file: String, limits: YAMLLimits = YAMLLimits())
    -> (document: YAMLDocument?, diagnostics: [Diagnostic])
  {
    var text = text
    return text.withUTF8 { checkedLoad($0, file: file, limits: limits) }
  }

  /// Parses raw file bytes into a flat document: size, NUL bytes (binary files) and UTF-8 are
  /// checked first.
  public static func loadDocument(
    bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()
  ) -> (document: YAMLDocument?, diagnostics: [Diagnostic]) {
    bytes.withUnsafeBufferPointer { checkedLoad($0, file: file, limits: limits) }
  }

  /// Parses raw bytes held elsewhere (a file's `Data`, with no copy) into a flat document; the
  /// document does not refer to `buffer` once this returns.
  public static func loadDocument(
    buffer: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits = YAMLLimits()
  ) -> (document: YAMLDocument?, diagnostics: [Diagnostic]) {
    checkedLoad(buffer, file: file, limits: limits)
  }

  /// Parses raw bytes held elsewhere into a flat document, emitting every problem into
  /// `diagnostics`; nil when the text could not be read at all.
  public static func loadDocument(
    buffer: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits = YAMLLimits(),
    into diagnostics: some DiagnosticCollector
  ) -> YAMLDocument? {
    let (document, found) = checkedLoad(buffer, file: file, limits: limits)
    diagnostics.emit(contentsOf: found)
    return document
  }

  /// Parses UTF-8 text into a flat document, emitting every problem into `diagnostics`.
  public static func loadDocument(
    text: String, file: String, limits: YAMLLimits = YAMLLimits(),
    into diagnostics: some DiagnosticCollector
  ) -> YAMLDocument? {
    let (document, found) = loadDocument(text: text, file: file, limits: limits)
    diagnostics.emit(contentsOf: found)
    return document
  }

  private static func checkedLoad(
    _ buffer: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits
  ) -> (document: YAMLDocument?, diagnostics: [Diagnostic]) {
    if let problem = InputCheck.problem(in: buffer, file: file, limits: limits) {
      return (nil, [problem])
    }
    var builder = YAMLTreeBuilder(buffer: buffer, file: file, limits: limits)
    return builder.build()
  }
}
