import OpalCore

/// Reads one YAML document, turning every problem — libyaml's own errors, duplicate keys,
/// unknown anchors, hostile sizes — into diagnostics emitted into the caller's
/// `DiagnosticCollector`.
///
/// The document (or root) is nil when the text could not be read at all; it may be present
/// alongside error diagnostics (for example a duplicate key) so callers can report more in
/// one run. `loadDocument` gives the flat `YAMLDocument`, the cheap form for large files;
/// `load` gives the same document as a tree of `YAMLNode` values. The forms without `into:`
/// return the diagnostics as a list, for one-off callers (tests, the emulator's files).
public enum YAMLLoader {
  /// Parses raw bytes held elsewhere (a file's `Data`, with no copy) into a flat document: size,
  /// NUL bytes (binary files) and UTF-8 are checked first. The document does not refer to
  /// `buffer` once this returns. With `entryReader`, the entries of one top-level mapping are
  /// read as they complete and leave the document (see `YAMLEntryReader`).
  public static func loadDocument(
    buffer: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits = YAMLLimits(),
    entryReader: (any YAMLEntryReader)? = nil, into diagnostics: some DiagnosticCollector
  ) -> YAMLDocument? {
    loadDocument(
      buffer: buffer, file: file, limits: limits, pipelining: .automatic,
      entryReader: entryReader, into: diagnostics)
  }

  /// The same, choosing whether libyaml parses on a thread of its own (tests compare the two).
  static func loadDocument(
    buffer: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits,
    pipelining: YAMLPipelining, entryReader: (any YAMLEntryReader)? = nil,
    into diagnostics: some DiagnosticCollector
  ) -> YAMLDocument? {
    if let problem = InputCheck.problem(in: buffer, file: file, limits: limits) {
      diagnostics.emit(problem)
      return nil
    }
    // A UTF-8 byte-order mark (some Windows editors write one) is not content: parse what follows.
    let text = InputCheck.droppingUTF8ByteOrderMark(buffer)
    return build(
      .bytes(text), file: file, limits: limits, pipelining: pipelining, entryReader: entryReader,
      into: diagnostics)
  }

  /// The tree of `input`, its diagnostics emitted.
  private static func build(
    _ input: YAMLTreeBuilder.Input, file: String, limits: YAMLLimits, pipelining: YAMLPipelining,
    entryReader: (any YAMLEntryReader)?, into diagnostics: some DiagnosticCollector
  ) -> YAMLDocument? {
    var builder = YAMLTreeBuilder(
      input: input, file: file, limits: limits, pipelining: pipelining, entryReader: entryReader)
    let (document, found) = builder.build()
    diagnostics.emit(contentsOf: found)
    return document
  }

  /// Parses an open regular file read a chunk at a time, so a large file is never whole in
  /// memory: the same document and diagnostics as the file's bytes given as a buffer. With
  /// `entryReader`, the entries of one top-level mapping are read as they complete.
  public static func loadDocument(
    file handle: RegularFileHandle, named file: String, limits: YAMLLimits = YAMLLimits(),
    entryReader: (any YAMLEntryReader)? = nil, into diagnostics: some DiagnosticCollector
  ) -> YAMLDocument? {
    loadDocument(
      file: handle, named: file, limits: limits, pipelining: .automatic,
      chunkSize: YAMLFileStream.defaultChunkSize, entryReader: entryReader, into: diagnostics)
  }

  /// The same, choosing the parser's thread and the chunk size (tests cut sequences with it).
  static func loadDocument(
    file handle: RegularFileHandle, named file: String, limits: YAMLLimits,
    pipelining: YAMLPipelining, chunkSize: Int, entryReader: (any YAMLEntryReader)? = nil,
    into diagnostics: some DiagnosticCollector
  ) -> YAMLDocument? {
    if handle.sizeHint > limits.maxFileBytes {
      diagnostics.emit(InputCheck.sizeProblem(handle.sizeHint, file: file, limits: limits))
      return nil
    }
    // Text offsets stay below 2^29 however the file grows while it is read.
    let limit = min(limits.maxFileBytes, Int(Int32.max) / 4 - 1)
    let stream = YAMLFileStream(handle: handle, limit: limit, chunkSize: chunkSize)
    return build(
      .file(stream), file: file, limits: limits, pipelining: pipelining, entryReader: entryReader,
      into: diagnostics)
  }

  /// Parses UTF-8 text into a flat document.
  public static func loadDocument(
    text: String, file: String, limits: YAMLLimits = YAMLLimits(),
    entryReader: (any YAMLEntryReader)? = nil, into diagnostics: some DiagnosticCollector
  ) -> YAMLDocument? {
    var text = text
    return text.withUTF8 {
      loadDocument(
        buffer: $0, file: file, limits: limits, entryReader: entryReader, into: diagnostics)
    }
  }

  /// Parses raw file bytes into a flat document.
  public static func loadDocument(
    bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits(),
    into diagnostics: some DiagnosticCollector
  ) -> YAMLDocument? {
    bytes.withUnsafeBufferPointer { loadDocument(buffer: $0, file: file, limits: limits, into: diagnostics) }
  }

  // MARK: - The same, returning the diagnostics as a list

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
    let list = DiagnosticList()
    let document = loadDocument(text: text, file: file, limits: limits, into: list)
    return (document, list.diagnostics)
  }

  /// Parses raw file bytes into a flat document.
  public static func loadDocument(
    bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()
  ) -> (document: YAMLDocument?, diagnostics: [Diagnostic]) {
    let list = DiagnosticList()
    let document = loadDocument(bytes: bytes, file: file, limits: limits, into: list)
    return (document, list.diagnostics)
  }

  /// Parses raw bytes held elsewhere into a flat document.
  public static func loadDocument(
    buffer: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits = YAMLLimits()
  ) -> (document: YAMLDocument?, diagnostics: [Diagnostic]) {
    let list = DiagnosticList()
    let document = loadDocument(buffer: buffer, file: file, limits: limits, into: list)
    return (document, list.diagnostics)
  }
}
