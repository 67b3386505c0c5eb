/// A route or version identity as the management API sends it. The docs render every `uuid`
/// as an integer array (a 16-byte UUID exported as `array<integer>`); the live API most likely
/// sends the canonical string. Both decode to the lower-case canonical string; it is always
/// encoded as that string.
public struct RouteUUID: Codable, Hashable, Sendable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// The canonical lower-case form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`), or the string as
  /// sent when it is not a UUID.
  public var value: String

  public init(_ value: String) { self.value = value.lowercased() }
  public init(stringLiteral value: String) { self.init(value) }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      value = text.lowercased()
      return
    }
    let bytes = try container.decode([Int].self)
    guard bytes.count == 16, bytes.allSatisfy({ (0...255).contains($0) }) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "a uuid array must hold 16 bytes")
    }
    let hex = Array("0123456789abcdef")
    var out = ""
    for (index, byte) in bytes.enumerated() {
      if [4, 6, 8, 10].contains(index) { out.append("-") }
      out.append(hex[byte >> 4])
      out.append(hex[byte & 0xF])
    }
    value = out
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }

  /// True for the all-zero or empty identity ("nonzero" is what the guarded deploy requires).
  public var isZero: Bool { value.isEmpty || value.allSatisfy { $0 == "0" || $0 == "-" } }

  public var description: String { value }
}
