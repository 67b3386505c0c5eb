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
  ///
  /// The hashes are of exactly `canonicalDesired(state).canonicalJSON` and
  /// `canonicalRemote(inScope).canonicalJSON`, but streamed alias by alias into the hasher, so a
  /// 100,000-alias plan never holds the whole canonical tree or its text.
  /// `targets` (`--target` globs) are part of the desired hash when there are any: a plan
  /// limited to some aliases is not the plan of all of them.
  public init(desired state: DesiredState, remote inScope: [Alias], targets: [String] = []) {
    var desired = SHA256()
    let aliases = state.aliases.sorted { $0.name < $1.name }
    Self.update(&desired, "{\"aliases\":[")
    for (i, spec) in aliases.enumerated() {
      Self.update(&desired, (i > 0 ? "," : "") + Self.canonicalAlias(spec).canonicalJSON)
    }
    Self.update(
      &desired, "],\"prune\":\(state.prune),\"scope\":" + Self.canonicalScope(state.scope).canonicalJSON)
    if !targets.isEmpty {
      Self.update(&desired, ",\"targets\":" + JSONValue.array(targets.map(JSONValue.string)).canonicalJSON)
    }
    Self.update(&desired, "}")

    var remote = SHA256()
    Self.update(&remote, "[")
    for (i, alias) in inScope.sorted(by: { ($0.name, $0.id) < ($1.name, $1.id) }).enumerated() {
      Self.update(&remote, (i > 0 ? "," : "") + Self.canonicalRemoteAlias(alias).canonicalJSON)
    }
    Self.update(&remote, "]")
    self.init(desired: Self.hex(desired.finalize()), remote: Self.hex(remote.finalize()))
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
    .object([
      "scope": canonicalScope(state.scope),
      "prune": .bool(state.prune),
      "aliases": .array(state.aliases.sorted { $0.name < $1.name }.map(canonicalAlias)),
    ])
  }

  /// The in-scope remote aliases in a canonical form, sorted by name then id.
  public static func canonicalRemote(_ inScope: [Alias]) -> JSONValue {
    .array(inScope.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map(canonicalRemoteAlias))
  }

  static func canonicalScope(_ scope: Scope) -> JSONValue {
    func patterns(_ set: GlobSet) -> JSONValue { .array(set.globs.map { .string($0.pattern) }) }
    return .object([
      "include": scope.include.map(patterns) ?? .null,
      "exclude": patterns(scope.exclude),
      "protect": patterns(scope.protect),
    ])
  }

  static func canonicalAlias(_ spec: AliasSpec) -> JSONValue {
    .object([
      "name": .string(spec.name),
      "description": AliasContent(spec).description.map(JSONValue.string) ?? .null,
      "models": .array(spec.models.map(JSONValue.string)),
      "renamed_from": .array(spec.renamedFrom.map(JSONValue.string)),
    ])
  }

  static func canonicalRemoteAlias(_ alias: Alias) -> JSONValue {
    .object([
      "id": .string(alias.id),
      "name": .string(alias.name),
      "description": AliasContent(alias).description.map(JSONValue.string) ?? .null,
      "fallback_models": .array(alias.fallbackModels.map(JSONValue.string)),
    ])
  }

  private static func update(_ hasher: inout SHA256, _ text: String) {
    var text = text
    text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
  }

  private static func hex(_ digest: SHA256.Digest) -> String {
    digest.map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  static func sha256Hex(_ text: String) -> String {
    var hasher = SHA256()
    update(&hasher, text)
    return hex(hasher.finalize())
  }
}
