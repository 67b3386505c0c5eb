import Foundation

/// The git commit `opal --version` names, found offline and never failing: `git describe` in
/// the checkout the executable was built in (SwiftPM builds under `.build/` inside it), else
/// "unknown" (an installed copy outside any checkout, or no git).
enum BuildCommit {
  /// The commit, e.g. `b755a8c04f1e` or `b755a8c04f1e-dirty`, or "unknown".
  static func describe(executable: String = CommandLine.arguments.first ?? "") -> String {
    guard let checkout = checkout(containing: executable) else { return "unknown" }
    return gitDescribe(in: checkout) ?? "unknown"
  }

  /// The nearest folder above the executable holding `.git` (a build inside a checkout).
  static func checkout(containing executable: String) -> URL? {
    guard !executable.isEmpty else { return nil }
    var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<12 {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url }
      let parent = url.deletingLastPathComponent()
      if parent.path == url.path { return nil }
      url = parent
    }
    return nil
  }

  /// `git describe --always --dirty --abbrev=12`, or nil when git is missing or fails.
  static func gitDescribe(in folder: URL) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", folder.path, "describe", "--always", "--dirty", "--abbrev=12"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? nil : text
  }
}
