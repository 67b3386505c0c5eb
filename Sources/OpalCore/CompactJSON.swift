import Foundation

/// Compact JSON bytes for what goes over the wire (request bodies, the emulator's answers) and
/// for hashing (`JSONValue.canonicalJSON`): no whitespace, object keys sorted, slashes and
/// non-ASCII written as they are, `"`, `\` and control characters escaped.
///
/// A value is built as a tree by `JSONTreeEncoder` and written here, which costs a fraction of
/// `JSONEncoder` for documents made mostly of `JSONValue`s (route graphs). What the tree refuses
/// (`Date`, `Data`, `URL`, …) is encoded by `JSONEncoder` instead, so every value still encodes.
public enum CompactJSON {
  /// `value` as compact JSON bytes.
  public static func bytes(_ value: some Encodable) throws -> [UInt8] {
    let tree: JSONValue
    do {
      tree = try JSONTreeEncoder.encode(value)
    } catch is JSONTreeEncoder.Unsupported {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      return Array(try encoder.encode(value))
    }
    return bytes(of: tree)
  }

  /// A tree as compact JSON bytes. A whole `.number` below 10^15 is written as an integer, a
  /// non-finite one (which no JSON reader makes) as `null`.
  public static func bytes(of tree: JSONValue) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(tree, into: &out)
    return out
  }

  static func write(_ value: JSONValue, into out: inout [UInt8]) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .integer(let i): out.append(contentsOf: String(i).utf8)
    case .number(let d):
      if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
        out.append(contentsOf: String(Int(d)).utf8)
      } else if d.isFinite {
        out.append(contentsOf: "\(d)".utf8)
      } else {
        out.append(contentsOf: "null".utf8)
      }
    case .string(let s): writeString(s, into: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        write(item, into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      var first = true
      for key in members.keys.sorted() {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        write(members[key]!, into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// `s` as a quoted, escaped JSON string (the escapes `bytes(of:)` writes).
  public static func quoted(_ s: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 2)
    writeString(s, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends `s` quoted, with `"`, `\` and C0 controls escaped (`\n`, `\r`, `\t`, else
  /// `\u00xx`, lower-case hex) and everything else as it is; for writers of their own (the
  /// fingerprint's streaming hasher).
  public static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { utf8 in
      var start = 0
      for (i, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
        start = i + 1
        switch byte {
        case 0x22: out.append(contentsOf: #"\""#.utf8)
        case 0x5C: out.append(contentsOf: #"\\"#.utf8)
        case 0x0A: out.append(contentsOf: #"\n"#.utf8)
        case 0x0D: out.append(contentsOf: #"\r"#.utf8)
        case 0x09: out.append(contentsOf: #"\t"#.utf8)
        default:
          let hex = Array("0123456789abcdef".utf8)
          out.append(contentsOf: #"\u00"#.utf8)
          out.append(hex[Int(byte >> 4)])
          out.append(hex[Int(byte & 0x0F)])
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
    out.append(UInt8(ascii: "\""))
  }
}
