import CYAML
import OpalCore

/// Builds the node tree from libyaml's event stream in one iterative pass (no recursion, so
/// nesting depth cannot overflow the stack), resolving anchors, aliases and `<<` merge keys,
/// finding duplicate keys, and enforcing `YAMLLimits` as it goes.
struct YAMLTreeBuilder {
  /// A collection being built.
  private struct Frame {
    let isMapping: Bool
    let mark: Mark
    let tag: String?
    let anchor: String?
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    var pendingKey: YAMLNode?
    var pendingIsMerge = false
    var pendingIsDuplicate = false
    /// Key text → index in `pairs`, built once a mapping grows past a few keys.
    var keyIndex: [String: Int]?
    var merges: [YAMLNode] = []
    /// Nodes under this one once aliases are expanded (itself included).
    var size = 1
    /// Collection levels in this node (a scalar has 0).
    var height = 1
    /// Bytes of scalar text under this node once aliases are expanded.
    var bytes = 0
  }

  /// A completed anchored node, with the numbers aliases to it bring along.
  private struct Anchored {
    let node: YAMLNode
    let size: Int
    let height: Int
    let bytes: Int
  }

  private static let linearKeyScanLimit = 8
  private static let mergeTag = "tag:yaml.org,2002:merge"

  private let buffer: UnsafeBufferPointer<UInt8>
  private let file: String
  private let limits: YAMLLimits
  private var diagnostics: [Diagnostic] = []
  private var frames: [Frame] = []
  private var anchors: [String: Anchored] = [:]
  private var root: YAMLNode?
  private var expandedNodes = 0
  private var aliasReferences = 0
  private var aliasExpandedBytes = 0
  private var documents = 0
  private var aborted = false

  init(buffer: UnsafeBufferPointer<UInt8>, file: String, limits: YAMLLimits) {
    self.buffer = buffer
    self.file = file
    self.limits = limits
  }

  mutating func build() -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
    guard let base = buffer.baseAddress, !buffer.isEmpty else {
      return (nil, [emptyFileDiagnostic()])
    }
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    defer {
      event.deallocate()
      parser.deallocate()
    }
    guard yaml_parser_initialize(parser) == 1 else {
      return (nil, [.error("libyaml could not start a parser (out of memory)")])
    }
    defer { yaml_parser_delete(parser) }
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(parser, base, buffer.count)

    var finished = false
    while !finished && !aborted {
      guard yaml_parser_parse(parser, event) == 1 else {
        diagnostics.append(parserErrorDiagnostic(parser.pointee))
        aborted = true
        break
      }
      finished = handle(event.pointee)
      yaml_event_delete(event)
    }
    if aborted { return (nil, diagnostics) }
    if documents == 0 { return (nil, diagnostics + [emptyFileDiagnostic()]) }
    return (root, diagnostics)
  }

  // MARK: - Events

  /// Handles one event; true at the end of the stream.
  private mutating func handle(_ e: yaml_event_t) -> Bool {
    switch e.type {
    case YAML_STREAM_END_EVENT:
      return true
    case YAML_DOCUMENT_START_EVENT:
      documents += 1
      if documents > 1 {
        fail(
          "expected one YAML document, found a second one", at: mark(e.start_mark),
          hint: "remove the '---' line, or split the documents into separate files")
      }
    case YAML_SCALAR_EVENT:
      let s = e.data.scalar
      let text = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
      let node = YAMLNode(
        kind: .scalar(text, style(s.style)), mark: mark(e.start_mark), tag: string(s.tag))
      guard count(1, at: node.mark) else { return false }
      if let anchor = string(s.anchor) {
        anchors[anchor] = Anchored(node: node, size: 1, height: 0, bytes: s.length)
      }
      deliver(node, size: 1, height: 0, bytes: s.length)
    case YAML_ALIAS_EVENT:
      alias(named: string(e.data.alias.anchor) ?? "", at: mark(e.start_mark))
    case YAML_SEQUENCE_START_EVENT:
      let s = e.data.sequence_start
      push(isMapping: false, mark: mark(e.start_mark), tag: string(s.tag), anchor: string(s.anchor))
    case YAML_MAPPING_START_EVENT:
      let s = e.data.mapping_start
      push(isMapping: true, mark: mark(e.start_mark), tag: string(s.tag), anchor: string(s.anchor))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      pop()
    default:
      break
    }
    return false
  }

  private mutating func push(isMapping: Bool, mark: Mark, tag: String?, anchor: String?) {
    guard frames.count < limits.maxDepth else {
      fail(
        "nesting is deeper than the limit of \(limits.maxDepth) levels", at: mark,
        hint: "a config file needs only a few levels; is this file generated or hostile?")
      return
    }
    guard count(1, at: mark) else { return }
    frames.append(Frame(isMapping: isMapping, mark: mark, tag: tag, anchor: anchor))
  }

  private mutating func pop() {
    guard var frame = frames.popLast() else { return }
    let node: YAMLNode
    if frame.isMapping {
      if !frame.merges.isEmpty { applyMerges(&frame) }
      node = YAMLNode(kind: .mapping(frame.pairs), mark: frame.mark, tag: frame.tag)
    } else {
      node = YAMLNode(kind: .sequence(frame.items), mark: frame.mark, tag: frame.tag)
    }
    if let anchor = frame.anchor {
      anchors[anchor] = Anchored(
        node: node, size: frame.size, height: frame.height, bytes: frame.bytes)
    }
    deliver(node, size: frame.size, height: frame.height, bytes: frame.bytes)
  }

  private mutating func alias(named name: String, at mark: Mark) {
    aliasReferences += 1
    guard aliasReferences <= limits.maxAliasReferences else {
      fail(
        "more than \(limits.maxAliasReferences) alias references (*name) in one document",
        at: mark, hint: "this looks like an alias bomb; write the content out instead")
      return
    }
    guard let anchored = anchors[name] else {
      diagnostics.append(
        .error(
          "alias *\(name) refers to no anchor &\(name) defined before it", at: location(mark),
          hint: "define the anchor first; recursive anchors are not supported"))
      deliver(YAMLNode(kind: .scalar("", .plain), mark: mark), size: 1, height: 0, bytes: 0)
      return
    }
    guard count(anchored.size, at: mark) else { return }
    aliasExpandedBytes += anchored.bytes
    guard aliasExpandedBytes <= limits.maxAliasExpandedBytes else {
      fail(
        "aliases copy more than \(limits.maxAliasExpandedBytes) bytes of text into the document",
        at: mark,
        hint: "anchors and aliases multiply content (a 'billion laughs' file); refused unexpanded")
      return
    }
    guard frames.count + anchored.height <= limits.maxDepth else {
      fail("alias *\(name) nests the document deeper than \(limits.maxDepth) levels", at: mark)
      return
    }
    deliver(anchored.node, size: anchored.size, height: anchored.height, bytes: anchored.bytes)
  }

  /// Adds `n` expanded nodes to the running total; false (and aborts) past the limit.
  private mutating func count(_ n: Int, at mark: Mark) -> Bool {
    expandedNodes += n
    guard expandedNodes <= limits.maxExpandedNodes else {
      fail(
        "the document expands to more than \(limits.maxExpandedNodes) nodes through its aliases",
        at: mark,
        hint: "anchors and aliases multiply content (a 'billion laughs' file); refused unexpanded")
      return false
    }
    return true
  }

  // MARK: - Placing nodes

  private mutating func deliver(_ node: YAMLNode, size: Int, height: Int, bytes: Int) {
    guard !frames.isEmpty else {
      root = node
      return
    }
    let top = frames.count - 1
    frames[top].size += size
    frames[top].bytes += bytes
    if height + 1 > frames[top].height { frames[top].height = height + 1 }
    guard frames[top].isMapping else {
      frames[top].items.append(node)
      return
    }
    if let key = frames[top].pendingKey {
      frames[top].pendingKey = nil
      if frames[top].pendingIsMerge {
        frames[top].pendingIsMerge = false
        addMerge(node, to: top)
      } else if frames[top].pendingIsDuplicate {
        frames[top].pendingIsDuplicate = false
      } else {
        addPair(YAMLPair(key: key, value: node), to: top)
      }
      return
    }
    frames[top].pendingKey = node
    guard case .scalar(let text, let style) = node.kind else { return }
    if text == "<<", style == .plain, node.tag == nil || node.tag == Self.mergeTag {
      frames[top].pendingIsMerge = true
      return
    }
    if let first = firstKey(text, in: top) {
      frames[top].pendingIsDuplicate = true
      // Keys can be long and repeated by aliases: messages carry only their start.
      let shown =
        text.index(text.startIndex, offsetBy: 41, limitedBy: text.endIndex) == nil
        ? text : String(text.prefix(40)) + "..."
      diagnostics.append(
        .error(
          "duplicate key '\(shown)' in this mapping", at: location(node.mark),
          keyPath: currentPath(shown),
          hint: "YAML keys must be unique; the first one is at \(first.description)",
          related: [.init(location: location(first), message: "'\(shown)' first defined here")]))
    }
  }

  private func firstKey(_ text: String, in top: Int) -> Mark? {
    if let index = frames[top].keyIndex {
      return index[text].map { frames[top].pairs[$0].key.mark }
    }
    for pair in frames[top].pairs {
      if case .scalar(let k, _) = pair.key.kind, k == text { return pair.key.mark }
    }
    return nil
  }

  private mutating func addPair(_ pair: YAMLPair, to top: Int) {
    frames[top].pairs.append(pair)
    let count = frames[top].pairs.count
    if frames[top].keyIndex != nil {
      if let text = pair.key.scalarText { frames[top].keyIndex?[text] = count - 1 }
    } else if count >= Self.linearKeyScanLimit {
      var index: [String: Int] = [:]
      for (i, p) in frames[top].pairs.enumerated() {
        if let text = p.key.scalarText, index[text] == nil { index[text] = i }
      }
      frames[top].keyIndex = index
    }
  }

  private mutating func addMerge(_ node: YAMLNode, to top: Int) {
    switch node.kind {
    case .mapping:
      frames[top].merges.append(node)
    case .sequence(let items) where items.allSatisfy({ $0.mappingPairs != nil }):
      frames[top].merges.append(contentsOf: items)
    default:
      diagnostics.append(
        .error(
          "merge key '<<' takes a mapping or a list of mappings, not \(node.kindDescription)",
          at: location(node.mark)))
    }
  }

  /// Merged pairs come first (earlier sources win), then the mapping's own keys, which win.
  private func applyMerges(_ frame: inout Frame) {
    var seen = Set<String>()
    for pair in frame.pairs { if let t = pair.key.scalarText { seen.insert(t) } }
    var merged: [YAMLPair] = []
    for source in frame.merges {
      for pair in source.mappingPairs ?? [] {
        if let t = pair.key.scalarText {
          guard seen.insert(t).inserted else { continue }
        }
        merged.append(pair)
      }
    }
    frame.pairs = merged + frame.pairs
  }

  // MARK: - Errors and marks

  /// The key path of the node being built (`aliases.sonnet4.models[2]`), made only for errors.
  private func currentPath(_ last: String) -> String {
    var path = ""
    for frame in frames.dropLast() {
      if frame.isMapping {
        let key = frame.pendingKey?.scalarText ?? "?"
        path += path.isEmpty ? key : "." + key
      } else {
        path += "[\(frame.items.count)]"
      }
    }
    return path.isEmpty ? last : path + "." + last
  }

  private mutating func fail(_ message: String, at mark: Mark, hint: String? = nil) {
    diagnostics.append(.error(message, at: location(mark), hint: hint))
    aborted = true
  }

  private func emptyFileDiagnostic() -> Diagnostic {
    .error(
      "the file is empty: expected a YAML mapping", at: SourceLocation(file: file, line: 1, column: 1))
  }

  private func parserErrorDiagnostic(_ p: yaml_parser_t) -> Diagnostic {
    let problem = p.problem.map { String(cString: $0) } ?? "libyaml reported an unknown error"
    if p.error == YAML_READER_ERROR || p.error == YAML_MEMORY_ERROR {
      var message = problem
      if p.problem_value != -1 { message += " (#x\(String(p.problem_value, radix: 16)))" }
      let at = InputCheck.position(of: p.problem_offset, in: buffer)
      return .error(message, at: location(at))
    }
    let at = clamped(p.problem_mark)
    var message = problem
    var related: [Diagnostic.Related] = []
    if let context = p.context.map({ String(cString: $0) }),
      p.context_mark.index != p.problem_mark.index
    {
      let contextMark = clamped(p.context_mark)
      message += " (\(context) at \(contextMark.description))"
      related.append(.init(location: location(contextMark), message: context))
    }
    return .error(message, at: location(at), hint: hint(for: p), related: related)
  }

  private func hint(for p: yaml_parser_t) -> String? {
    let index = p.problem_mark.index
    if index < buffer.count, buffer[index] == UInt8(ascii: "\t") {
      return "YAML does not allow tabs for indentation; indent with spaces"
    }
    if let context = p.context.map({ String(cString: $0) }), context.contains("quoted scalar") {
      return "a quoted string is not closed; add the closing quote"
    }
    return nil
  }

  private func mark(_ m: yaml_mark_t) -> Mark {
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

  private func location(_ mark: Mark) -> SourceLocation {
    SourceLocation(file: file, line: mark.line, column: mark.column)
  }

  private func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    p.map { String(cString: $0) }
  }

  private func style(_ s: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
    switch s {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: return .literal
    case YAML_FOLDED_SCALAR_STYLE: return .folded
    default: return .plain
    }
  }
}
