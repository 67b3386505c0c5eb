import CYAML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs libyaml's parse of one input on a thread of its own, handing the events to the
/// caller's thread in `YAMLEventBatch`es, so parsing (most of a large file's load) and building
/// the document overlap on two cores.
///
/// Bounded: `batchCount` batches in all, each of at most `YAMLEventBatch.maxEvents` events,
/// circulate between the two threads (filled ones to the caller in parse order, emptied ones
/// back); the parser waits when the caller is behind. The caller owns the parser; the producer
/// only calls `yaml_parser_parse`, and stops at the stream's end, at libyaml's error (the last
/// batch carries it) or when the caller calls `finish()`, which also waits for it to exit.
///
/// Shared with its thread through a raw pointer (`pthread_create`), not through Swift
/// concurrency: everything both threads touch (`filled`, `empty`, `made`, `cancelled`) is read
/// and written only with `lock` held; the parser and the input are the producer's alone until
/// `finish()` has joined it.
final class YAMLEventPipeline {
  static let batchCount = 3

  private let parser: UnsafeMutablePointer<yaml_parser_t>
  private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var filled: [YAMLEventBatch] = []
  private var empty: [YAMLEventBatch] = []
  /// Batches made so far (at most `batchCount`).
  private var made = 0
  private var cancelled = false
  private var thread: pthread_t?

  /// Starts parsing with `parser` (initialized, its input set) on a new thread; nil when the
  /// thread cannot be made (the caller then parses inline).
  init?(parser: UnsafeMutablePointer<yaml_parser_t>) {
    self.parser = parser
    pthread_mutex_init(lock, nil)
    pthread_cond_init(changed, nil)
    let context = Unmanaged.passRetained(self).toOpaque()
    #if canImport(Darwin)
      var handle: pthread_t?
    #else
      var handle = pthread_t()
    #endif
    guard pthread_create(&handle, nil, yamlEventPipelineMain, context) == 0 else {
      Unmanaged<YAMLEventPipeline>.fromOpaque(context).release()
      return nil
    }
    thread = handle
  }

  deinit {
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(lock)
    changed.deallocate()
    lock.deallocate()
  }

  /// The next batch in parse order, waiting for the producer to fill it.
  func next() -> YAMLEventBatch {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    while filled.isEmpty { pthread_cond_wait(changed, lock) }
    let batch = filled.removeFirst()
    return batch
  }

  /// Gives a batch the caller is done with back to the producer.
  func recycle(_ batch: YAMLEventBatch) {
    batch.reset()
    pthread_mutex_lock(lock)
    empty.append(batch)
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(lock)
  }

  /// Stops the producer (if it still runs) and waits for its thread to end; the parser is the
  /// caller's again after this.
  func finish() {
    pthread_mutex_lock(lock)
    cancelled = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(lock)
    if let thread { pthread_join(thread, nil) }
    thread = nil
    // The producer has exited: events it parsed that the caller never read are deleted here.
    for batch in filled { batch.deleteAll() }
    filled = []
    empty = []
  }

  // MARK: - The producer's side

  fileprivate func produce() {
    while let batch = takeEmpty() {
      while !batch.isFull {
        // The batch owns the event's strings from here; the caller deletes it.
        guard batch.parseNext(parser) else {
          batch.failure = YAMLParserFailure(parser.pointee)
          batch.isLast = true
          break
        }
        if batch.lastType == YAML_STREAM_END_EVENT {
          batch.isLast = true
          break
        }
      }
      guard put(batch), !batch.isLast else { return }
    }
  }

  /// An empty batch to fill, waiting for one when all are in use; nil once cancelled.
  private func takeEmpty() -> YAMLEventBatch? {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    while !cancelled && empty.isEmpty && made >= Self.batchCount {
      pthread_cond_wait(changed, lock)
    }
    if cancelled { return nil }
    if let batch = empty.popLast() { return batch }
    made += 1
    return YAMLEventBatch()
  }

  /// Hands a filled batch to the caller; false once cancelled (its events are deleted then).
  private func put(_ batch: YAMLEventBatch) -> Bool {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    if cancelled {
      batch.deleteAll()
      return false
    }
    filled.append(batch)
    pthread_cond_broadcast(changed)
    return true
  }
}

#if canImport(Darwin)
  private func yamlEventPipelineMain(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
    Unmanaged<YAMLEventPipeline>.fromOpaque(context).takeRetainedValue().produce()
    return nil
  }
#else
  private func yamlEventPipelineMain(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let context else { return nil }
    Unmanaged<YAMLEventPipeline>.fromOpaque(context).takeRetainedValue().produce()
    return nil
  }
#endif
