/// ANSI styling for text on a terminal; with `enabled` off every style is plain text.
///
/// Whether colour is on is decided once per command (by the CLI from `--color`, `--no-color`,
/// `NO_COLOR` and the terminal); renderers are handed the resulting style.
public struct TextStyle: Hashable, Sendable {
  /// Whether escape sequences are written.
  public var enabled: Bool

  /// Plain text.
  public static let plain = TextStyle(enabled: false)

  public init(enabled: Bool) {
    self.enabled = enabled
  }

  /// The colours and weights in use.
  public enum Attribute: String, Sendable {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case cyan = "36"
  }

  /// `text` in `attribute`, or as is when colour is off.
  public func paint(_ text: String, _ attribute: Attribute) -> String {
    enabled ? "\u{1B}[\(attribute.rawValue)m\(text)\u{1B}[0m" : text
  }

  public func bold(_ s: String) -> String { paint(s, .bold) }
  public func dim(_ s: String) -> String { paint(s, .dim) }
  public func red(_ s: String) -> String { paint(s, .red) }
  public func green(_ s: String) -> String { paint(s, .green) }
  public func yellow(_ s: String) -> String { paint(s, .yellow) }
  public func cyan(_ s: String) -> String { paint(s, .cyan) }
}
