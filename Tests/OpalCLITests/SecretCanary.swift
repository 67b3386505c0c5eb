import Foundation
import OpperEmulator

/// A canary API key and the checks that it never shows: in any text printed, in any file
/// written. Also catches a shortened echo (the key's distinctive tail).
enum SecretCanary {
  static let key = "sk-opal-canary-3e9a7c51d2b84f60"
  static let tail = "3e9a7c51d2b84f60"

  /// Where the canary shows in `texts` (labelled) and in the files under `directory` (except
  /// `ignoring`, e.g. the key file itself); empty when it shows nowhere.
  static func leaks(_ texts: [(String, String)], files directory: URL? = nil, ignoring: Set<String> = [])
    -> [String]
  {
    var found: [String] = []
    for (label, text) in texts where text.contains(tail) {
      found.append("\(label): \(excerpt(text))")
    }
    if let directory,
      let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
    {
      for case let url as URL in walker where !ignoring.contains(url.lastPathComponent) {
        guard let data = try? Data(contentsOf: url) else { continue }
        if data.range(of: Data(tail.utf8)) != nil { found.append("file \(url.lastPathComponent)") }
      }
    }
    return found
  }

  private static func excerpt(_ text: String) -> String {
    guard let range = text.range(of: tail) else { return "" }
    let start = text.index(range.lowerBound, offsetBy: -120, limitedBy: text.startIndex) ?? text.startIndex
    let end = text.index(range.upperBound, offsetBy: 60, limitedBy: text.endIndex) ?? text.endIndex
    return String(text[start..<end])
  }

  /// A config with smoke cases (one passing, one failing) over two aliases; `extra` adds a third.
  static func config(extra: Bool = false) -> String {
    var out = """
      version: 1
      scope: {include: ["sec/*"]}
      aliases:
        sec/main:
          description: "secret test"
          models: [aws/claude-sonnet-4-eu, anthropic/claude-sonnet-4]
          smoke:
            - name: echo
              input: {text: "hello"}
              expect: {contains: "hello"}
            - name: fails
              input: {text: "hello"}
              expect: {contains: "never-there"}
        sec/fast:
          models: [openai/gpt-4o-mini]

      """
    if extra { out += "  sec/extra:\n    models: [openai/gpt-4o]\n" }
    return out
  }

  /// An emulator configuration requiring `apiKey`, with `faults`; by default the first hop of
  /// sec/main fails with a 503 whose message echoes the canary, as a careless upstream might.
  /// Run it with `withEmulator(configuration:)` or `withEmulators(_:)`.
  static func configuration(apiKey: String = key, faults: FaultPlan? = nil) -> EmulatorConfiguration {
    var configuration = EmulatorConfiguration(apiKey: apiKey)
    configuration.faults =
      faults
      ?? FaultPlan(models: [
        "aws/claude-sonnet-4-eu": Fault(status: 503, message: "upstream refused Authorization: Bearer \(key)")
      ])
    return configuration
  }

  /// Faults on every request whose error bodies echo the key back (`Retry-After: 0`, so the
  /// client's retries do not wait).
  static func echoingFaults(status: Int) -> FaultPlan {
    let message = "bad request from Authorization: Bearer \(key) (echoed)"
    return FaultPlan(endpoints: ["*": FaultList([Fault(status: status, retryAfterS: 0, message: message)])])
  }

  /// A loopback port nothing listens on.
  static func closedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// This machine's first non-loopback IPv4 address, if it has one.
  static func nonLoopbackIPv4() -> String? {
    var list: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&list) == 0, let first = list else { return nil }
    defer { freeifaddrs(list) }
    var cursor: UnsafeMutablePointer<ifaddrs>? = first
    while let entry = cursor {
      defer { cursor = entry.pointee.ifa_next }
      guard let addr = entry.pointee.ifa_addr, addr.pointee.sa_family == sa_family_t(AF_INET) else {
        continue
      }
      var host = [CChar](repeating: 0, count: 64)
      let ok = getnameinfo(
        addr, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST)
      guard ok == 0 else { continue }
      let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if !text.hasPrefix("127.") { return text }
    }
    return nil
  }
}
