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
    let aliases = state.aliases
    self.init(
      desired: state, sortedOrder: aliases.indices.sorted { aliases[$0].name < aliases[$1].name },
      sortedRemote: inScope.sorted { ($0.name, $0.id) < ($1.name, $1.id) }, targets: targets)
  }

  /// The same fingerprints from aliases already sorted as the canonical documents sort them
  /// (`sortedOrder`: the indices of the state's aliases by name; `sortedRemote` by name then id),
  /// so the planner sorts once.
  /// Each alias is written as canonical bytes straight into the hasher (`CanonicalHasher`).
  init(
    desired state: DesiredState, sortedOrder: [Int], sortedRemote: [Alias], targets: [String]
  ) {
    let aliases = state.aliases
    var desired = CanonicalHasher()
    desired.raw("{\"aliases\":[")
    for (n, i) in sortedOrder.enumerated() {
      // {"description":…,"models":[…],"name":…,"renamed_from":[…]}, keys sorted.
      if n > 0 { desired.raw(",") }
      desired.raw("{\"description\":")
      desired.optionalString(AliasContent.normalized(aliases[i].description))
      desired.raw(",\"models\":")
      desired.strings(aliases[i].models)
      desired.raw(",\"name\":")
      desired.string(aliases[i].name)
      desired.raw(",\"renamed_from\":")
      desired.strings(aliases[i].renamedFrom)
      desired.raw("}")
    }
    desired.raw("],\"prune\":")
    desired.raw(state.prune ? "true" as StaticString : "false")
    // {"exclude":[…],"include":[…] or null,"protect":[…]}
    desired.raw(",\"scope\":{\"exclude\":")
    desired.strings(state.scope.exclude.globs.map(\.pattern))
    desired.raw(",\"include\":")
    if let include = state.scope.include {
      desired.strings(include.globs.map(\.pattern))
    } else {
      desired.raw("null")
    }
    desired.raw(",\"protect\":")
    desired.strings(state.scope.protect.globs.map(\.pattern))
    desired.raw("}")
    if !targets.isEmpty {
      desired.raw(",\"targets\":")
      desired.strings(targets)
    }
    desired.raw("}")

    var remote = CanonicalHasher()
    remote.raw("[")
    for (i, alias) in sortedRemote.enumerated() {
      // {"description":…,"fallback_models":[…],"id":…,"name":…}, keys sorted.
      if i > 0 { remote.raw(",") }
      remote.raw("{\"description\":")
      remote.optionalString(AliasContent.normalized(alias.description))
      remote.raw(",\"fallback_models\":")
      remote.strings(alias.fallbackModels)
      remote.raw(",\"id\":")
      remote.string(alias.id)
      remote.raw(",\"name\":")
      remote.string(alias.name)
      remote.raw("}")
    }
    remote.raw("]")
    self.init(desired: desired.finalize(), remote: remote.finalize())
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

  static func hex(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in digest {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func sha256Hex(_ text: String) -> String {
    var hasher = SHA256()
    update(&hasher, text)
    return hex(hasher.finalize())
  }
}
