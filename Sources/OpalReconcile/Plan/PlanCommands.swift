import Foundation

/// The commands opal prints as hints for a plan, written out with everything the plan was made
/// with (`-f` paths, `--max-delete`, `--force`, `--allow-empty`, `--target`), so each works when
/// pasted. Hints inside the library are written with the bare `opal plan` / `opal apply` /
/// `opal validate --online`; `resolve(_:)` turns those into this plan's commands.
public struct PlanCommands: Hashable, Sendable {
  public var configPaths: [String]
  public var options: PlanOptions

  public init(configPaths: [String], options: PlanOptions) {
    self.configPaths = configPaths
    self.options = options
  }

  public init(_ plan: Plan) {
    self.init(configPaths: plan.configPaths, options: plan.options)
  }

  /// `opal plan -f … [flags]`.
  public var plan: String { command("plan") }

  /// `opal plan -f … [flags] <extra>`.
  public func plan(extra: [String]) -> String { command("plan", extra: extra) }

  /// `opal apply -f … [flags]`: plans afresh and applies (the command that converges).
  public var apply: String { command("apply") }

  /// `opal apply -f … [flags] --expect-fingerprint SHA`.
  public func apply(expectingFingerprint fingerprint: String) -> String {
    command("apply", extra: ["--expect-fingerprint", fingerprint])
  }

  /// A hint with "`opal plan`" and "`opal apply`" replaced by this plan's full commands.
  public func resolve(_ hint: String) -> String {
    hint.replacingOccurrences(of: "`opal apply`", with: "`\(apply)`")
      .replacingOccurrences(of: "`opal plan`", with: "`\(plan)`")
      .replacingOccurrences(of: "`opal validate --online`", with: "`\(validateOnline)`")
  }

  /// `opal validate -f … --online` (validate takes only the paths).
  public var validateOnline: String {
    (["opal", "validate"] + configPaths.flatMap { ["-f", ShellWord.quoted($0)] } + ["--online"])
      .joined(separator: " ")
  }

  private func command(_ subcommand: String, extra: [String] = []) -> String {
    var words = ["opal", subcommand]
    for path in configPaths { words += ["-f", ShellWord.quoted(path)] }
    for target in options.targets { words += ["--target", ShellWord.quoted(target)] }
    if let maxDelete = options.maxDelete { words += ["--max-delete", String(maxDelete)] }
    if options.force { words.append("--force") }
    if options.allowEmpty { words.append("--allow-empty") }
    words += extra.map(ShellWord.quoted)
    return words.joined(separator: " ")
  }
}

/// One word of a POSIX shell command, quoted only when it needs to be.
public enum ShellWord {
  public static func quoted(_ word: String) -> String {
    let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@%+,".contains($0) }
    if plain, !word.isEmpty { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
