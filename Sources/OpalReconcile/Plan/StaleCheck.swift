import Foundation
import OpperAPI

/// Whether a saved plan (or an expected fingerprint) still describes the world, and if not,
/// what moved: "the config changed since the plan" and/or "the remote changed since the plan:
/// sonnet4 (chain), team-a/x (deleted)".
public struct StaleCheck: Hashable, Sendable {
  /// True when the saved plan must not be applied.
  public var isStale: Bool
  /// One sentence per thing that moved.
  public var reasons: [String]

  /// Compares a saved plan with a fresh plan of the same config and remote.
  public init(saved: Plan, fresh: Plan) {
    var reasons: [String] = []
    if saved.fingerprint.desired != fresh.fingerprint.desired {
      reasons.append("the config changed since the plan")
    }
    if saved.fingerprint.remote != fresh.fingerprint.remote {
      let moved = Self.remoteMoves(from: saved.remoteSnapshot, to: fresh.remoteSnapshot)
      reasons.append(
        "the remote changed since the plan" + (moved.isEmpty ? "" : ": " + moved.joined(separator: ", ")))
    }
    if saved.customModels?.fingerprint != fresh.customModels?.fingerprint {
      reasons.append("the custom models (declared or remote) changed since the plan")
    }
    if reasons.isEmpty, saved.fingerprint.combined != fresh.fingerprint.combined {
      reasons.append("the plan file's fingerprint does not match its contents")
    }
    self.isStale = !reasons.isEmpty
    self.reasons = reasons
  }

  /// Compares `--expect-fingerprint SHA` (short or full combined form) with a fresh plan.
  public init(expectedFingerprint: String, fresh: Plan) {
    if fresh.fingerprint.matches(expectedFingerprint) {
      isStale = false
      reasons = []
    } else {
      isStale = true
      let trimmed = expectedFingerprint.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.count < Fingerprint.shortLength || !trimmed.allSatisfy(\.isHexDigit) {
        reasons = [
          "'\(trimmed.prefix(80))' is not a plan fingerprint (at least \(Fingerprint.shortLength) hex characters)"
        ]
      } else {
        reasons = [
          "the config or the remote changed since the plan "
            + "(expected \(trimmed.prefix(Fingerprint.shortLength)), now \(fresh.fingerprint.short))"
        ]
      }
    }
  }

  /// The message to print when stale: "stale plan: …; …".
  public var message: String {
    isStale ? "stale plan: " + reasons.joined(separator: "; ") : "the plan is current"
  }

  /// A hint for the user when stale.
  public var hint: String { "run `opal plan` again and review the new plan" }

  /// Names whose remote content moved, each with what moved, sorted by name.
  static func remoteMoves(from old: [Alias], to new: [Alias]) -> [String] {
    func index(_ list: [Alias]) -> [String: Alias] {
      var out: [String: Alias] = [:]
      for a in list where out[a.name] == nil { out[a.name] = a }
      return out
    }
    let before = index(old)
    let after = index(new)
    var out: [String] = []
    for name in Set(before.keys).union(after.keys).sorted() {
      switch (before[name], after[name]) {
      case (nil, _?): out.append("\(name) (created)")
      case (_?, nil): out.append("\(name) (deleted)")
      case (let b?, let a?):
        var what: [String] = []
        if b.id != a.id { what.append("replaced") }
        if b.fallbackModels != a.fallbackModels { what.append("chain") }
        if AliasContent(b).description != AliasContent(a).description { what.append("description") }
        if !what.isEmpty { out.append("\(name) (\(what.joined(separator: ", ")))") }
      default: break
      }
    }
    return out
  }
}
