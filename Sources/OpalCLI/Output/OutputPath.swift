import OpalCore

/// An output flag's path (`-o`, `--out`, `--junit`), checked before any work or any paid call
/// (SPEC §12): a folder that does not exist, a path that is a folder, a dangling link, a file
/// that cannot be written is refused up front, in words, with the flag named.
enum OutputPath {
  /// The checked destination of `path`, given with `flag`. `-` (standard output) is refused
  /// where the command's own document already goes to stdout (`mixesWithStdout`).
  static func checked(_ path: String, flag: String, mixesWithStdout: Bool = false) throws(CLIError)
    -> OutputFile
  {
    if path == "-" && mixesWithStdout {
      throw CLIError(
        "\(flag) - would mix with the document this command prints on stdout",
        hint: "give \(flag) a file, or use --format json for a machine-readable document on stdout")
    }
    do {
      return try OutputFile(path)
    } catch {
      throw CLIError(
        "\(flag): \(error.description)", hint: "check the path: opal writes nothing until it can")
    }
  }

  /// Writes `text` to `output`; a failed write (a full disk, `/dev/full`) is an error, never a
  /// silent success.
  static func write(_ text: String, to output: OutputFile, io: CommandOutput) throws(CLIError) {
    do {
      try output.write(Array(text.utf8)) { io.document($0) }
    } catch {
      throw CLIError(error.description)
    }
  }
}
