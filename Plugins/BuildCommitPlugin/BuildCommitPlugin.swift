import Foundation
import PackagePlugin

/// Before each build of a target that uses it, writes `BuildCommit.generated.swift` with the
/// checkout's `git describe --always --dirty --abbrev=12` (or "unknown" without git or outside a
/// checkout), so `opal --version` names the commit it was built from wherever the binary is
/// installed. The script rewrites the file only when the commit changed, so an unchanged tree
/// does not recompile the target.
@main
struct BuildCommitPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "generated")
    let script = context.package.directoryURL.appending(path: "Plugins/BuildCommitPlugin/build-commit.sh")
    return [
      .prebuildCommand(
        displayName: "Recording the git commit for opal --version",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: [script.path, context.package.directoryURL.path, output.path],
        outputFilesDirectory: output)
    ]
  }
}
