import Foundation
import OpalCore
import Testing

@testable import OpalYAML

// A file fed to libyaml a chunk at a time (`YAMLFileStream`) must load as its bytes given whole
// do: the same document, the same diagnostics. Small chunks put every cut (inside a multi-byte
// character, a byte-order mark, a NUL, an invalid sequence) somewhere a test reaches.

private let chunkSizes = [8, 9, 13, 64, 4096, YAMLFileStream.defaultChunkSize]

/// Loads `bytes` from a buffer and from a file at each chunk size, inline and threaded, and
/// checks every result against the buffer's.
@discardableResult
private func streamsAlike(
  _ bytes: [UInt8], limits: YAMLLimits = YAMLLimits(),
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> (YAMLDocument?, [Diagnostic]) {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("stream-\(UUID().uuidString).yaml").path
  try Data(bytes).write(to: URL(fileURLWithPath: path))
  defer { try? FileManager.default.removeItem(atPath: path) }
  let whole = DiagnosticList()
  let expected = bytes.withUnsafeBufferPointer {
    YAMLLoader.loadDocument(
      buffer: $0, file: path, limits: limits, pipelining: .never, into: whole)
  }
  for chunkSize in chunkSizes {
    for pipelining in [YAMLPipelining.never, .always] {
      let streamed = DiagnosticList()
      let handle = try RegularFileHandle(path: path, limit: 1 << 30)
      let document = YAMLLoader.loadDocument(
        file: handle, named: path, limits: limits, pipelining: pipelining, chunkSize: chunkSize,
        into: streamed)
      let context = Comment(rawValue: "chunk \(chunkSize), \(pipelining)")
      #expect(streamed.diagnostics == whole.diagnostics, context, sourceLocation: sourceLocation)
      #expect((document == nil) == (expected == nil), context, sourceLocation: sourceLocation)
      if let a = document, let b = expected {
        #expect(a.rootNode == b.rootNode, context, sourceLocation: sourceLocation)
        #expect(a.text == b.text, context, sourceLocation: sourceLocation)
        #expect(a.records.count == b.records.count, context, sourceLocation: sourceLocation)
      }
    }
  }
  return (expected, whole.diagnostics)
}

private func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Config-like text with two-, three- and four-byte characters on every line.
private func multibyte(_ n: Int) -> String {
  var out = "version: 1\naliases:\n"
  for i in 0..<n {
    out += "  café-\(i):\n    description: 'naïve € \(i) 🚀 ✓'\n    models: [m\(i % 3), \"ß\"]\n"
  }
  return out
}

@Test func aFileLoadsAsItsBytesDo() throws {
  let (document, diagnostics) = try streamsAlike(utf8(multibyte(400)))
  #expect(document != nil)
  #expect(diagnostics.isEmpty)
}

@Test func byteOrderMarksAndEmptyFiles() throws {
  try streamsAlike([0xEF, 0xBB, 0xBF] + utf8(multibyte(30)))
  let (_, bomOnly) = try streamsAlike([0xEF, 0xBB, 0xBF])
  #expect(bomOnly.map(\.message) == ["the file is empty: expected a YAML mapping"])
  let (_, empty) = try streamsAlike([])
  #expect(empty.map(\.message) == ["the file is empty: expected a YAML mapping"])
  try streamsAlike(utf8("# only a comment\n"))
  let (_, utf16) = try streamsAlike([0xFF, 0xFE] + Array("a: 1".utf16.flatMap { [UInt8($0), 0] }))
  #expect(utf16.first?.message.contains("UTF-16 (little-endian)") == true)
  try streamsAlike([0xFF, 0xFE, 0x00, 0x00, 0x61, 0, 0, 0])
}

@Test func badBytesAnywhereAreReportedAsTheBufferReportsThem() throws {
  let text = utf8(multibyte(40))
  // A NUL, a stray continuation byte, a cut four-byte sequence and an overlong form, each at
  // several offsets (so at every position in a chunk), and a sequence cut by the file's end.
  for offset in stride(from: 1, to: 400, by: 37) {
    for bad: [UInt8] in [[0x00], [0x80], [0xF0, 0x9F, 0x9A], [0xC0, 0xAF]] {
      var bytes = text
      bytes.insert(contentsOf: bad, at: offset)
      let (document, diagnostics) = try streamsAlike(bytes)
      #expect(document == nil)
      #expect(diagnostics.count == 1)
    }
  }
  let (_, cutAtEnd) = try streamsAlike(text + [0xE2, 0x82])
  #expect(cutAtEnd.first?.message.hasPrefix("invalid UTF-8") == true)
}

@Test func parserErrorsKeepTheirPositionsAndHints() throws {
  let text = multibyte(60)
  // An unclosed flow list, a tab, a line indented unlike its siblings, an unclosed quote.
  try streamsAlike(utf8(text + "broken: [1, 2\n"))
  try streamsAlike(utf8(text + "\tx: 1\n"))
  try streamsAlike(utf8("version: 1\naliases:\n  a:\n    models: [x]\n   b: 2\n" + text))
  let (_, quote) = try streamsAlike(utf8(text + "end: \"not closed\n"))
  #expect(quote.count == 1)
}

@Test func aFileOverTheLimitIsRefusedAsTheBufferRefusesIt() throws {
  var limits = YAMLLimits()
  limits.maxFileBytes = 100
  let (_, diagnostics) = try streamsAlike(utf8(multibyte(10)), limits: limits)
  #expect(diagnostics.first?.message.hasPrefix("file is ") == true)
}

@Test func aFileThatReportsNoSizeIsStillReadToItsEnd() throws {
  // Files under /proc say they are empty and are not: the size is only a hint.
  let handle = try RegularFileHandle(path: "/proc/self/status", limit: 1 << 20)
  #expect(handle.sizeHint == 0)
  let list = DiagnosticList()
  let document = YAMLLoader.loadDocument(file: handle, named: "status", into: list)
  let root = try #require(document)
  #expect(root.count(root.root) > 5)
}
