import OpalConfig
import OpalCore
import OpperAPI

/// What opal diffs of a custom model: its `identifier` and `extra` (the key is write-only, so
/// it is never compared, only sent).
public struct CustomModelContent: Hashable, Sendable, Codable {
  public var identifier: String
  public var extra: [String: JSONValue]

  public init(identifier: String, extra: [String: JSONValue] = [:]) {
    self.identifier = identifier
    self.extra = extra
  }

  public init(_ spec: CustomModelSpec) { self.init(identifier: spec.identifier, extra: spec.extra) }
  public init(_ remote: CustomModel) { self.init(identifier: remote.identifier, extra: remote.extra) }

  /// `identifier` and `extra` as one canonical JSON value (for fingerprints).
  var canonical: JSONValue { .object(["identifier": .string(identifier), "extra": .object(extra)]) }
}
