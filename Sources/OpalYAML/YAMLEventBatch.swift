import CYAML

/// A run of libyaml events parsed on the pipeline's thread and handled on the caller's: libyaml
/// writes each event straight into the batch's slots, still owning its strings, so the parsing
/// thread does nothing but parse (copying the bytes out cost it ~12 % more work) and the
/// caller, which has time to spare, reads each event where libyaml left it and deletes it. A
/// batch that ends the parse ends with the stream's end or with libyaml's error (`failure`),
/// after the events parsed before it.
///
/// Bounded: a batch holds at most `maxEvents` events; each event holds only its own strings (a
/// single huge scalar is one event), and every event is deleted exactly once: by the caller as
/// it handles it, or by `deleteAll()` for the ones it never reaches. A class, so handing one
/// between the threads moves a reference, never the slots; only the thread that holds it (by
/// `YAMLEventPipeline`'s lock) touches it.
final class YAMLEventBatch {
  static let maxEvents = 4096

  private let slots = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: maxEvents)
  private(set) var count = 0
  /// libyaml's error, after the last event; set only in the last batch of a parse.
  var failure: YAMLParserFailure?
  /// Whether the parse ended in this batch (its stream end or its failure).
  var isLast = false

  init() {}

  deinit {
    deleteAll()
    slots.deallocate()
  }

  var isFull: Bool { count >= Self.maxEvents }

  /// Parses the next event into the next slot; false (nothing added) on libyaml's error.
  func parseNext(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> Bool {
    guard yaml_parser_parse(parser, slots + count) == 1 else { return false }
    count += 1
    return true
  }

  /// The type of the last event parsed.
  var lastType: yaml_event_type_t { slots[count - 1].type }

  /// Calls `body` with each event in order until it returns false, deleting each event after
  /// `body` has seen it and every event it did not reach; the batch is empty after.
  func consume(_ body: (YAMLEvent) -> Bool) {
    var i = 0
    while i < count {
      let more = body(YAMLEvent(slots + i))
      yaml_event_delete(slots + i)
      i += 1
      if !more { break }
    }
    while i < count {
      yaml_event_delete(slots + i)
      i += 1
    }
    count = 0
  }

  /// Deletes every event (a batch the caller never reads).
  func deleteAll() {
    for i in 0..<count { yaml_event_delete(slots + i) }
    count = 0
  }

  /// Empties the batch for another fill.
  func reset() {
    deleteAll()
    failure = nil
    isLast = false
  }
}
