#if canImport(Glibc)
  import Glibc
#endif

/// Asks the kernel to back a large array's reserved capacity with 2 MiB pages where it can
/// (Linux `madvise(MADV_HUGEPAGE)`; nothing elsewhere). A 100,000-alias document touches tens
/// of megabytes of fresh memory; with 4 KiB pages that is tens of thousands of page faults.
/// Only advice: pages are still allocated as they are first written.
enum HugePages {
  /// Arrays smaller than this are left alone.
  static let threshold = 4 << 20

  static func advise<T>(_ array: inout [T]) {
    #if os(Linux)
      let bytes = array.capacity * MemoryLayout<T>.stride
      guard bytes >= threshold else { return }
      array.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        let huge = UInt(2 << 20)
        let start = (UInt(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (UInt(bitPattern: base) + UInt(bytes)) & ~(huge - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, Int(end - start), MADV_HUGEPAGE)
      }
    #endif
  }
}
