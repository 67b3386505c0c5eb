import CYAML
import OpalCore

/// Builds a `YAMLDocument` from libyaml's event stream in one iterative pass (no recursion, so
/// nesting depth cannot overflow the stack), resolving anchors, aliases and `<<` merge keys,
/// finding duplicate keys, and enforcing `YAMLLimits` as it goes.
struct YAMLTreeBuilder {
  /// A collection being built; its children so far are `pending[childStart...]`. Plain values
  /// only (no references), so opening and closing a collection costs no retain or release.
  struct Frame {
    let isMapping: Bool
    let mark: Mark
    let tag: Int32
    /// Index into `frameAnchors`, or -1.
    let anchor: Int32
    let childStart: Int
    var pendingIsMerge = false
    var pendingIsDuplicate = false
    /// Whether `keyIndexes` holds an index of this mapping's keys (made past a few keys).
    var hasKeyIndex = false
    /// Whether `frameMerges` holds mappings to merge in (`<<`).
    var hasMerges = false
    /// Nodes under this one once aliases are expanded (itself included).
    var size = 1
    /// Collection levels in this node (a scalar has 0).
    var height = 1
    /// Bytes of scalar text under this node once aliases are expanded.
    var bytes = 0
    /// Whether this mapping's entries go to `entryReader` as they complete.
    var handsOverEntries = false
  }

  /// A completed anchored node, with the numbers aliases to it bring along.
  struct Anchored {
    let id: Int32
    let size: Int
    let height: Int
    let bytes: Int
  }

  static let linearKeyScanLimit = 8
  static let mergeTag = "tag:yaml.org,2002:merge"

  /// Where the bytes come from: a buffer held by the caller, or a file read chunk by chunk.
  let input: Input
  let file: String
  let limits: YAMLLimits
  /// Whether libyaml parses on a thread of its own (large inputs on a multi-core machine).
  let pipelining: YAMLPipelining
  var diagnostics: [Diagnostic] = []
  var frames: [Frame] = []
  /// Children of the open collections, innermost last.
  var pending: [Int32] = []
  var doc = YAMLDocument()
  /// Anchor names of open collections; key indexes and merge sources by frame depth.
  private var frameAnchors: [String] = []
  var keyIndexes: [MappingKeyIndex?] = []
  var frameMerges: [[Int32]] = []
  var tagIDs: [String: Int32] = [:]
  /// Each distinct tag once, by id (nodes share the `String`).
  var tagNames: [String] = []
  /// Short texts already in `doc.text`, shared by the scalars that repeat them.
  private var repeatedText = RepeatedTextCache()
  private var anchors: [String: Anchored] = [:]
  var hasRoot = false
  private var aliasExpandedNodes = 0
  private var aliasReferences = 0
  private var aliasExpandedBytes = 0
  private var documents = 0
  var aborted = false
  /// Reads entries of one top-level mapping as they complete (see `YAMLEntryReader`).
  let entryReader: (any YAMLEntryReader)?
  /// Anchors defined so far (a redefinition counts again): an entry that defines one is kept.
  var anchorsDefined = 0
  /// Where the entry whose key was just read began, in a mapping that hands entries over.
  var entryMark: EntryMark?

  init(
    input: Input, file: String, limits: YAMLLimits,
    pipelining: YAMLPipelining = .automatic, entryReader: (any YAMLEntryReader)? = nil
  ) {
    self.input = input
    self.file = file
    self.limits = limits
    self.pipelining = pipelining
    self.entryReader = entryReader
  }

  mutating func build() -> (document: YAMLDocument?, diagnostics: [Diagnostic]) {
    let byteCount = input.byteCount
    if case .bytes(let buffer) = input, buffer.baseAddress == nil || buffer.isEmpty {
      return (nil, [emptyFileDiagnostic()])
    }
    guard byteCount < Int(Int32.max) / 4 else {
      let start = location(Mark(line: 1, column: 1))
      return (nil, [.error("file is \(byteCount) bytes, too large to read", at: start)])
    }
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else {
      return (nil, [.error("libyaml could not start a parser (out of memory)")])
    }
    defer { yaml_parser_delete(parser) }
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    switch input {
    case .bytes(let buffer): yaml_parser_set_input_string(parser, buffer.baseAddress!, buffer.count)
    case .file(let stream): stream.attach(to: parser)
    }
    // Untouched capacity costs address space, not memory: about one node per 13 bytes of text.
    doc.text.reserveCapacity(byteCount)
    doc.records.reserveCapacity(byteCount / 12 + 16)
    doc.children.reserveCapacity(byteCount / 12 + 16)
    HugePages.advise(&doc.text)
    HugePages.advise(&doc.records)
    HugePages.advise(&doc.children)

    if pipelining.applies(toBytes: byteCount), let pipeline = YAMLEventPipeline(parser: parser) {
      readBatches(from: pipeline)
      pipeline.finish()
    } else {
      readInline(parser)
    }
    if case .file(let stream) = input, stream.problem != nil {
      // As the buffer path, which checks the bytes first: that problem alone.
      return (nil, [stream.problemDiagnostic(file: file, limits: limits)])
    }
    if aborted { return (nil, diagnostics) }
    if documents == 0 { return (nil, diagnostics + [emptyFileDiagnostic()]) }
    return (hasRoot ? doc : nil, diagnostics)
  }

  /// Pulls libyaml's events one at a time and handles each before the next is parsed.
  private mutating func readInline(_ parser: UnsafeMutablePointer<yaml_parser_t>) {
    let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    defer { event.deallocate() }
    var finished = false
    while !finished && !aborted {
      guard yaml_parser_parse(parser, event) == 1 else {
        diagnostics.append(parserErrorDiagnostic(YAMLParserFailure(parser.pointee)))
        aborted = true
        break
      }
      finished = handle(YAMLEvent(event))
      yaml_event_delete(event)
    }
  }

  /// Handles the events another thread parses, batch by batch, in the same order and to the
  /// same end as `readInline`: libyaml's error comes after the events parsed before it.
  private mutating func readBatches(from pipeline: YAMLEventPipeline) {
    var finished = false
    while !finished && !aborted {
      let batch = pipeline.next()
      batch.consume { event in
        finished = handle(event)
        return !finished && !aborted
      }
      if !finished && !aborted {
        if let failure = batch.failure {
          diagnostics.append(parserErrorDiagnostic(failure))
          aborted = true
        } else if batch.isLast {
          // The stream ended without its end event: cannot happen with libyaml; stop anyway.
          finished = true
        }
      }
      pipeline.recycle(batch)
    }
  }

  // MARK: - Events

  /// Handles one event; true at the end of the stream.
  private mutating func handle(_ e: YAMLEvent) -> Bool {
    switch e.kind {
    case .streamEnd:
      return true
    case .documentStart:
      documents += 1
      if documents > 1 {
        fail(
          "expected one YAML document, found a second one", at: e.mark,
          hint: "remove the '---' line, or split the documents into separate files")
      }
    case .scalar:
      let bytes = e.value
      var start = doc.text.count
      if bytes.count > RepeatedTextCache.maxLength {
        doc.text.append(contentsOf: bytes)
      } else if bytes.count > 0 {
        if let earlier = repeatedText.offset(of: bytes, in: doc.text) {
          start = earlier
        } else {
          doc.text.append(contentsOf: bytes)
          repeatedText.remember(bytes, at: start)
        }
      }
      let tag = tagID(e.tag)
      let id = addRecord(
        YAMLDocument.Record(
          line: Int32(e.line), column: Int32(e.column), start: UInt32(start),
          count: UInt32(bytes.count), hasTag: tag >= 0, shape: .scalar, style: e.style,
          isAnchored: e.anchor != nil, isASCII: InputCheck.isASCII(bytes)),
        tag: tag)
      if let anchor = YAMLEvent.string(e.anchor) {
        anchors[anchor] = Anchored(id: id, size: 1, height: 0, bytes: bytes.count)
        anchorsDefined += 1
      }
      deliver(id, size: 1, height: 0, bytes: bytes.count)
    case .alias:
      alias(named: YAMLEvent.string(e.anchor) ?? "", at: e.mark)
    case .sequenceStart:
      push(isMapping: false, mark: e.mark, tag: tagID(e.tag), anchor: YAMLEvent.string(e.anchor))
    case .mappingStart:
      push(isMapping: true, mark: e.mark, tag: tagID(e.tag), anchor: YAMLEvent.string(e.anchor))
    case .collectionEnd:
      pop()
    case .ignored:
      break
    }
    return false
  }

  @inline(__always)
  mutating func addRecord(_ record: YAMLDocument.Record, tag: Int32 = -1) -> Int32 {
    doc.records.append(record)
    let id = Int32(doc.records.count - 1)
    if tag >= 0 { doc.tags[id] = tagNames[Int(tag)] }
    return id
  }

  private mutating func push(isMapping: Bool, mark: Mark, tag: Int32, anchor name: String?) {
    guard frames.count < limits.maxDepth else {
      fail(
        "nesting is deeper than the limit of \(limits.maxDepth) levels", at: mark,
        hint: "a config file needs only a few levels; is this file generated or hostile?")
      return
    }
    var anchor: Int32 = -1
    if let name {
      frameAnchors.append(name)
      anchor = Int32(frameAnchors.count - 1)
    }
    frames.append(
      Frame(isMapping: isMapping, mark: mark, tag: tag, anchor: anchor, childStart: pending.count))
    if entryReader != nil, isMapping, anchor < 0, tag < 0 { beginHandingOverEntries() }
  }

  private mutating func pop() {
    guard !frames.isEmpty else { return }
    let depth = frames.count - 1
    let frame = frames.removeLast()
    if frame.hasKeyIndex { keyIndexes[depth] = nil }
    let start = doc.children.count
    if frame.hasMerges {
      doc.children += mergedPairs(frame, merges: frameMerges[depth])
      frameMerges[depth] = []
    } else {
      doc.children += pending[frame.childStart...]
    }
    pending.removeSubrange(frame.childStart...)
    let n = doc.children.count - start
    let id = addRecord(
      YAMLDocument.Record(
        line: Int32(frame.mark.line), column: Int32(frame.mark.column), start: UInt32(start),
        count: UInt32(frame.isMapping ? n / 2 : n), hasTag: frame.tag >= 0,
        shape: frame.isMapping ? .mapping : .sequence, style: .plain,
        isAnchored: frame.anchor >= 0),
      tag: frame.tag)
    if frame.anchor >= 0, let anchor = frameAnchors.popLast() {
      anchors[anchor] = Anchored(id: id, size: frame.size, height: frame.height, bytes: frame.bytes)
      anchorsDefined += 1
    }
    deliver(id, size: frame.size, height: frame.height, bytes: frame.bytes)
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
      diagnostics.append(unknownAnchorDiagnostic(name, at: mark, defined: anchors.keys))
      let id = addRecord(
        YAMLDocument.Record(
          line: Int32(mark.line), column: Int32(mark.column), start: UInt32(doc.text.count),
          count: 0, hasTag: false, shape: .scalar, style: .plain, isAnchored: false))
      doc.unresolvedAliases.insert(id)
      deliver(id, size: 1, height: 0, bytes: 0)
      return
    }
    // Written nodes are bounded by the file size; only what aliases bring in is counted here.
    aliasExpandedNodes += anchored.size
    guard aliasExpandedNodes <= limits.maxExpandedNodes else {
      fail(
        "the document expands to more than \(limits.maxExpandedNodes) nodes through its aliases",
        at: mark,
        hint: "anchors and aliases multiply content (a 'billion laughs' file); refused unexpanded")
      return
    }
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
    deliver(anchored.id, size: anchored.size, height: anchored.height, bytes: anchored.bytes)
  }

  /// Where the anchor `name` was defined, if it was.
  func anchorMark(_ name: String) -> Mark? {
    anchors[name].map { doc.mark(YAMLDocument.NodeID(index: $0.id)) }
  }

  mutating func fail(_ message: String, at mark: Mark, hint: String? = nil) {
    diagnostics.append(.error(message, at: location(mark), hint: hint))
    aborted = true
  }
}
