import Crypto
import Foundation
import OpalConfig
import OpalCore
import OpperAPI

/// The sha256 fingerprints of a plan's inputs: the canonical desired state, the in-scope remote
/// snapshot it was diffed against, and the two combined (what users see and pass back with
/// `--expect-fingerprint`). All are lowercase hex.
public struct Fingerprint: Hashable, Sendable, Codable {
  public var desired: String
  public var remote: String
  public var combined: String

  public init(desired: String, remote: String) {
    self.desired = desired
    self.remote = remote
    self.combined = Self.sha256Hex("opal-plan-v1\n\(desired)\n\(remote)")
  }

  /// The fingerprints of a desired state and an in-scope remote snapshot.
  public init(desired state: DesiredState, remote inScope: [Alias]) {
    self.init(
      desired: Self.sha256Hex(Self.canonicalDesired(state).canonicalJSON),
      remote: Self.sha256Hex(Self.canonicalRemote(inScope).canonicalJSON))
  }

  /// The first 12 hex characters of the combined fingerprint.
  public var short: String { String(combined.prefix(Self.shortLength)) }

  public static let shortLength = 12

  /// Whether `expected` names this fingerprint: the full combined form or a prefix of it at least
  /// `shortLength` long (case and surrounding whitespace ignored).
  public func matches(_ expected: String) -> Bool {
    let e = expected.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    return e.count >= Self.shortLength && combined.hasPrefix(e)
  }

  /// What of the desired state matters to a plan, in a canonical form: scope, prune and the
  /// declared aliases sorted by name (name, description, chain, renamed_from).
  public static func canonicalDesired(_ state: DesiredState) -> JSONValue {
    func patterns(_ set: GlobSet) -> JSONValue { .array(set.globs.map { .string($0.pattern) }) }
    let aliases = state.aliases.sorted { $0.name < $1.name }.map { spec -> JSONValue in
      let content = AliasContent(spec)
      return .object([
        "name": .string(spec.name),
        "description": content.description.map(JSONValue.string) ?? .null,
        "models": .array(spec.models.map(JSONValue.string)),
        "renamed_from": .array(spec.renamedFrom.map(JSONValue.string)),
      ])
    }
    return .object([
      "scope": .object([
        "include": state.scope.include.map(patterns) ?? .null,
        "exclude": patterns(state.scope.exclude),
        "protect": patterns(state.scope.protect),
      ]),
      "prune": .bool(state.prune),
      "aliases": .array(aliases),
    ])
  }

  /// The in-scope remote aliases in a canonical form, sorted by name then id.
  public static func canonicalRemote(_ inScope: [Alias]) -> JSONValue {
    let sorted = inScope.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    return .array(
      sorted.map { alias in
        let content = AliasContent(alias)
        return .object([
          "id": .string(alias.id),
          "name": .string(alias.name),
          "description": content.description.map(JSONValue.string) ?? .null,
          "fallback_models": .array(alias.fallbackModels.map(JSONValue.string)),
        ])
      })
  }

  static func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Array(text.utf8)).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}
