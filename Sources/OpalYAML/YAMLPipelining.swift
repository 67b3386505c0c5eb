#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether `YAMLTreeBuilder` runs libyaml's parse on a second thread (`YAMLEventPipeline`) or
/// pulls each event itself. Both give the same document and the same diagnostics in the same
/// order; the thread pays only on large inputs, and small files (a cold start) make none.
enum YAMLPipelining: Sendable {
  /// A thread for inputs of `threshold` bytes or more, when more than one core is online and
  /// `OPAL_YAML_PIPELINE` is not `0` (a switch for timing the two paths in one binary).
  case automatic
  case never
  /// Always a thread (tests).
  case always

  /// 256 KiB: about 1,000 aliases of the bench's config, ~8 ms of parsing.
  static let threshold = 256 << 10

  func applies(toBytes count: Int) -> Bool {
    switch self {
    case .never: return false
    case .always: return true
    case .automatic: return count >= Self.threshold && Self.onlineCores > 1 && !Self.switchedOff
    }
  }

  private static var switchedOff: Bool {
    guard let value = getenv("OPAL_YAML_PIPELINE") else { return false }
    return String(cString: value) == "0"
  }

  private static var onlineCores: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
