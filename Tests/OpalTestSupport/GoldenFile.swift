import Foundation
import Testing

/// Renderer output checked against files under a test target's `Golden/` folder (a `.copy`
/// resource of that target).
public enum GoldenFile {
  /// Compares `actual` with `Golden/<name>`. With `OPAL_RECORD=1` in the environment the file
  /// in the source tree is rewritten instead (review the diff, then commit it). Otherwise a
  /// mismatch, or a missing file, fails the test with the first differing lines.
  ///
  /// The expected text is the source tree's file when it is there (so a fresh recording is
  /// compared at once), else the copy bundled with the tests.
  /// - Parameters:
  ///   - actual: the rendered text.
  ///   - name: the file name under `Golden/`.
  ///   - bundle: the test target's resources, `Bundle.module`.
  ///   - filePath: the calling test file; its folder holds `Golden/`.
  public static func check(
    _ actual: String, _ name: String, in bundle: Bundle, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let source = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["OPAL_RECORD"] == "1" {
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: source, options: .atomic)
      } catch {
        Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    let bundled = bundle.url(forResource: name, withExtension: nil, subdirectory: "Golden")
    let url = FileManager.default.fileExists(atPath: source.path) ? source : bundled
    guard let url, let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "missing golden file \(name): run OPAL_RECORD=1 swift test to record it",
        sourceLocation: sourceLocation)
      return
    }
    if actual != expected {
      let difference = firstDifference(expected: expected, actual: actual)
      Issue.record(
        "\(name) differs from its golden file (OPAL_RECORD=1 accepts the new output):\n\(difference)",
        sourceLocation: sourceLocation)
    }
  }

  /// The first differing line of two texts with a little context, `-` expected, `+` actual.
  static func firstDifference(expected: String, actual: String, context: Int = 2, shown: Int = 6) -> String {
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let have = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var first = 0
    while first < want.count, first < have.count, want[first] == have[first] { first += 1 }
    var out: [String] = []
    for i in max(0, first - context)..<first { out.append("  \(i + 1): \(want[i])") }
    for i in first..<min(want.count, first + shown) { out.append("- \(i + 1): \(want[i])") }
    if want.count > first + shown { out.append("- … \(want.count - first - shown) more expected lines") }
    for i in first..<min(have.count, first + shown) { out.append("+ \(i + 1): \(have[i])") }
    if have.count > first + shown { out.append("+ … \(have.count - first - shown) more actual lines") }
    return out.joined(separator: "\n")
  }
}
