/// A secret read at run time (a custom model's API key). It never shows itself: its
/// `description`, `debugDescription`, mirror (`dump`, string interpolation) and encoding are all
/// `<redacted>`, so a key that reaches a log line, a diagnostic or a JSON document by mistake
/// still does not leak. Only `revealed` gives the value, for the one request body that sends it.
public struct SecretValue: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable, Encodable
{
  public static let redacted = "<redacted>"
  private let value: String

  public init(_ value: String) { self.value = value }

  /// The value itself: only for the request body that sends it.
  public var revealed: String { value }

  public var description: String { Self.redacted }
  public var debugDescription: String { Self.redacted }
  public var customMirror: Mirror { Mirror(self, children: [:]) }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(Self.redacted)
  }
}
