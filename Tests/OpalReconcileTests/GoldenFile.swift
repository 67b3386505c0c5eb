import Foundation
import Testing

/// Compares rendered output with a file under `Golden/`; `OPAL_RECORD=1` rewrites the file in the
/// source tree instead (review the diff, then commit it).
enum GoldenFile {
  static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    if ProcessInfo.processInfo.environment["OPAL_RECORD"] == "1" {
      do {
        try FileManager.default.createDirectory(at: sourceFolder, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: sourceFolder.appendingPathComponent(name), options: .atomic)
      } catch {
        Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let folder = Bundle.module.url(forResource: "Golden", withExtension: nil),
      let expected = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    else {
      Issue.record(
        "missing golden file \(name): run OPAL_RECORD=1 swift test --filter OpalReconcileTests",
        sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "\(name) differs from its golden file", sourceLocation: sourceLocation)
  }
}
