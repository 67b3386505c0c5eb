import Foundation

/// The config as it was at a git revision (`plan --base REF`): each `-f` path is read with
/// `git show REF:./path` (a folder's `*.yaml`/`*.yml` files with `git ls-tree`) into a scratch
/// folder of the same shape, so the ordinary loader reads it. Offline; git runs in each path's
/// own folder, so relative and absolute paths both work.
struct GitBaseConfig {
  /// Why the base could not be read.
  struct Failure: Error {
    var message: String
  }

  var revision: String

  /// Copies the paths as they were at `revision` under `scratch`; returns the copies' paths
  /// (a path absent at the revision is left out).
  func materialize(_ paths: [String], under scratch: URL) throws(Failure) -> [String] {
    var out: [String] = []
    for (i, path) in paths.enumerated() {
      let url = URL(fileURLWithPath: path)
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
      let target = scratch.appendingPathComponent("\(i)")
      try verifyRevision(in: exists && isFolder.boolValue ? url : url.deletingLastPathComponent())
      if exists && isFolder.boolValue {
        // The folder's own entries at the revision, named relative to it.
        let listing = try git(["ls-tree", "--name-only", revision, "--", "."], in: url) ?? ""
        let names = listing.split(separator: "\n").map(String.init).sorted()
          .filter { !$0.contains("/") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
        var copied = 0
        for name in names {
          guard let text = try git(["show", "\(revision):./\(name)"], in: url) else { continue }
          try make(target)
          try write(text, to: target.appendingPathComponent(name))
          copied += 1
        }
        if copied > 0 { out.append(target.path) }
      } else {
        let folder = url.deletingLastPathComponent()
        guard let text = try git(["show", "\(revision):./\(url.lastPathComponent)"], in: folder) else {
          continue
        }
        try make(target)
        let file = target.appendingPathComponent(url.lastPathComponent)
        try write(text, to: file)
        out.append(file.path)
      }
    }
    return out
  }

  /// Throws unless `revision` names a commit of the repository holding `folder`.
  private func verifyRevision(in folder: URL) throws(Failure) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "git", "-C", folder.path, "rev-parse", "--verify", "--quiet", "\(revision)^{commit}",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw Failure(message: "cannot run git: \(error.localizedDescription)")
    }
    process.waitUntilExit()
    if process.terminationStatus != 0 {
      throw Failure(
        message: "git could not read \(revision): not a commit of the repository at \(folder.path)")
    }
  }

  /// git's stdout, or nil when the object does not exist at the (verified) revision; throws
  /// when git cannot run.
  private func git(_ arguments: [String], in folder: URL) throws(Failure) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", folder.path] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw Failure(message: "cannot run git: \(error.localizedDescription)")
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    _ = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // The revision is a commit (verified first): a failure here is a path it does not have,
    // which is an empty base for that path.
    return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
  }

  private func make(_ folder: URL) throws(Failure) {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw Failure(message: "cannot create a scratch folder: \(error.localizedDescription)")
    }
  }

  private func write(_ text: String, to file: URL) throws(Failure) {
    do {
      try Data(text.utf8).write(to: file)
    } catch {
      throw Failure(message: "cannot write a scratch file: \(error.localizedDescription)")
    }
  }
}
