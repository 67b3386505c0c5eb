/// The hint for a line libyaml could not fit into the block structure around it: where the
/// line starts, and where the nearest line above with content starts, so the reader can see
/// which of the two is indented wrongly.
struct IndentationHint {
  /// libyaml's problems that, in block context, mean a line indented unlike its siblings.
  static let problems: Set<String> = [
    "did not find expected key",
    "mapping values are not allowed in this context",
    "did not find expected '-' indicator",
  ]

  /// The offending line's first character.
  let mark: Mark
  let text: String

  /// Nil when the line is past the end of the text or holds only blanks.
  init?(buffer: UnsafeBufferPointer<UInt8>, problemLine: Int) {
    var starts = [0]
    for (i, byte) in buffer.enumerated() where byte == UInt8(ascii: "\n") {
      if starts.count == problemLine { break }
      starts.append(i + 1)
    }
    guard problemLine >= 1, starts.count == problemLine,
      let column = Self.contentColumn(buffer, from: starts[problemLine - 1])
    else { return nil }
    mark = Mark(line: problemLine, column: column)
    var above: (line: Int, column: Int)?
    var line = problemLine - 1
    while line >= 1, above == nil {
      if let c = Self.contentColumn(buffer, from: starts[line - 1]) { above = (line, c) }
      line -= 1
    }
    guard let above else {
      text = "check the indentation of this line"
      return
    }
    text =
      "check the indentation of this line against the line above (column \(column) here, "
      + "column \(above.column) on line \(above.line)): keys of one mapping line up, and a "
      + "key's content is indented deeper than the key"
  }

  /// The 1-based column of the first character of the line starting at `start` that is not a
  /// space; nil for a blank or comment-only line.
  private static func contentColumn(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var i = start
    while i < buffer.count, buffer[i] == UInt8(ascii: " ") { i += 1 }
    guard i < buffer.count else { return nil }
    switch buffer[i] {
    case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"): return nil
    default: return i - start + 1
    }
  }
}
