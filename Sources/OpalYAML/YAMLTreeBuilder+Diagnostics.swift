import CYAML
import OpalCore

/// The builder's messages: duplicate keys, libyaml's own errors, and positions.
extension YAMLTreeBuilder {
  mutating func duplicateKey(_ key: YAMLDocument.NodeID, first: Mark) {
    let shown = Self.shortened(doc.scalarText(key) ?? "")
    diagnostics.append(
      .error(
        "duplicate key '\(shown)' in this mapping", at: location(doc.mark(key)),
        keyPath: currentPath(shown),
        hint: "YAML keys must be unique; the first one is at \(first.description)",
        related: [.init(location: location(first), message: "'\(shown)' first defined here")]))
  }

  /// User text for a message: keys and names can be long and repeated by aliases, so messages
  /// carry only their first 40 characters.
  static func shortened(_ text: String) -> String {
    text.index(text.startIndex, offsetBy: 41, limitedBy: text.endIndex) == nil
      ? text : String(text.prefix(40)) + "..."
  }

  /// The key path of the node being built (`aliases.sonnet4.models[2]`), made only for errors.
  private func currentPath(_ last: String) -> ConfigKeyPath {
    var path = ConfigKeyPath.root
    for (i, frame) in frames.dropLast().enumerated() {
      let end = frames[i + 1].childStart
      let children = end - frame.childStart
      if frame.isMapping {
        let pendingKey = children % 2 == 1 ? YAMLDocument.NodeID(index: pending[end - 1]) : nil
        path = path.child(pendingKey.flatMap { doc.scalarText($0) } ?? "?")
      } else {
        path = path.index(children)
      }
    }
    return path.child(last)
  }

  /// An alias to an anchor not defined before it, with the nearest defined anchor as the hint.
  func unknownAnchorDiagnostic(
    _ name: String, at mark: Mark, defined: some Collection<String>
  ) -> Diagnostic {
    let shown = Self.shortened(name)
    let message = "unknown anchor '\(shown)': *\(shown) refers to no &\(shown) defined before it"
    guard name.utf8.count <= 64, let near = NearestNames.suggest(name, from: defined, limit: 1).first,
      let anchored = anchorMark(near)
    else {
      return .error(
        message, at: location(mark),
        hint: "define the anchor first; recursive anchors are not supported")
    }
    return .error(
      message, at: location(mark), hint: "did you mean '\(near)'?",
      related: [.init(location: location(anchored), message: "&\(near) defined here")])
  }

  func emptyFileDiagnostic() -> Diagnostic {
    .error(
      "the file is empty: expected a YAML mapping", at: SourceLocation(file: file, line: 1, column: 1))
  }

  func parserErrorDiagnostic(_ p: YAMLParserFailure) -> Diagnostic {
    // The file's own check stopped libyaml: `build` reports that problem alone.
    if case .file(let stream) = input, stream.problem != nil {
      return .error("the input stopped early", at: location(Mark(line: 1, column: 1)))
    }
    let problem = p.problem ?? "libyaml reported an unknown error"
    if p.error == YAML_READER_ERROR || p.error == YAML_MEMORY_ERROR {
      var message = problem
      if p.problemValue != -1 { message += " (#x\(String(p.problemValue, radix: 16)))" }
      let at = InputCheck.position(of: p.problemOffset, in: buffer)
      return .error(message, at: location(at))
    }
    if let indentation = indentationDiagnostic(p, problem: problem) { return indentation }
    let at = clamped(p.problemMark)
    var message = problem
    var related: [Diagnostic.Related] = []
    if let context = p.context, p.contextMark.index != p.problemMark.index {
      let contextMark = clamped(p.contextMark)
      message += " (\(context) at \(contextMark.description))"
      related.append(.init(location: location(contextMark), message: context))
    }
    return .error(message, at: location(at), hint: hint(for: p), related: related)
  }

  /// libyaml's errors for a line indented unlike its siblings, said as that, at the line's
  /// first character, with the line above to compare against.
  private func indentationDiagnostic(_ p: YAMLParserFailure, problem: String) -> Diagnostic? {
    let inBlock = p.context.map { $0.contains("block") } ?? true
    guard inBlock, IndentationHint.problems.contains(problem) else { return nil }
    guard let hint = IndentationHint(buffer: buffer, problemLine: Int(p.problemMark.line) + 1)
    else { return nil }
    return .error(
      "this line is indented unlike the lines around it (libyaml: \(problem))",
      at: location(hint.mark), hint: hint.text)
  }

  private func hint(for p: YAMLParserFailure) -> String? {
    let index = p.problemMark.index
    if index < buffer.count, buffer[index] == UInt8(ascii: "\t") {
      return "YAML does not allow tabs for indentation; indent with spaces"
    }
    if let context = p.context, context.contains("quoted scalar") {
      return "a quoted string is not closed; add the closing quote"
    }
    return nil
  }

  func mark(_ m: yaml_mark_t) -> Mark {
    Mark(line: m.line + 1, column: m.column + 1)
  }

  /// A libyaml mark, with end-of-input marks one line past the end moved to the last line's end.
  private func clamped(_ m: yaml_mark_t) -> Mark {
    var newlines = 0
    for byte in buffer where byte == UInt8(ascii: "\n") { newlines += 1 }
    let endsWithNewline = buffer.last == UInt8(ascii: "\n")
    let lineCount = max(1, endsWithNewline ? newlines : newlines + 1)
    guard m.line + 1 > lineCount else { return mark(m) }
    // Column just past the last line's last character.
    var start = buffer.count - (endsWithNewline ? 1 : 0)
    var columns = 1
    while start > 0, buffer[start - 1] != UInt8(ascii: "\n") {
      start -= 1
      if buffer[start] & 0xC0 != 0x80 { columns += 1 }
    }
    return Mark(line: lineCount, column: columns)
  }

  func location(_ mark: Mark) -> SourceLocation {
    SourceLocation(file: file, line: mark.line, column: mark.column)
  }
}
