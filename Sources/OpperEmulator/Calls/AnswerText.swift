import OpalCore

/// The deterministic text of an emulated answer.
enum AnswerText {
  /// The input as text: a string as is; otherwise every string inside it (keys sorted),
  /// joined by spaces; otherwise its JSON.
  static func echo(of input: JSONValue?) -> String {
    guard let input else { return "" }
    if let s = input.stringValue { return s }
    var parts: [String] = []
    collect(input, into: &parts)
    return parts.isEmpty ? input.canonicalJSON : parts.joined(separator: " ")
  }

  private static func collect(_ value: JSONValue, into parts: inout [String]) {
    switch value {
    case .string(let s): parts.append(s)
    case .array(let a): for v in a { collect(v, into: &parts) }
    case .object(let o): for k in o.keys.sorted() { if let v = o[k] { collect(v, into: &parts) } }
    default: break
    }
  }

  /// `"<echoed input> [<model> · ref <8 hex digits of model+instructions+input>]"`.
  static func answer(model: String, instructions: String?, input: JSONValue?, echo: String) -> String {
    let ref = fnv1a(model + "\u{0}" + (instructions ?? "") + "\u{0}" + (input?.canonicalJSON ?? ""))
    let hex = String(ref & 0xFFFF_FFFF, radix: 16)
    let padded = String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    let body = echo.isEmpty ? "OK" : echo
    return "\(body) [\(model) · ref \(padded)]"
  }

  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    return hash
  }
}
