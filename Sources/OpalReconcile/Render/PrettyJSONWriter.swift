import OpalCore

/// Writes JSON byte for byte as `PrettyJSON.data` lays it out (two-space indent, `"key" : value`,
/// an empty array as `[`, a blank line and `]`, slashes not escaped, invisible characters as
/// `\uXXXX`), one value at a time into one buffer, so a large document needs no `JSONEncoder`
/// pass over its whole tree. Keys are written in the order given: the caller writes them sorted.
///
/// A string of plain printable characters is copied as it is; any other string, and any value
/// written with `encoded(_:)`, goes through `PrettyJSON` itself, so rare inputs cannot drift from
/// the encoder's bytes.
struct PrettyJSONWriter {
  private(set) var bytes: [UInt8] = []
  /// Per open container: whether nothing has been written into it yet.
  private var empty: [Bool] = []

  init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

  // MARK: Containers

  mutating func beginObject() {
    bytes.append(0x7B)
    empty.append(true)
  }

  mutating func endObject() { close(0x7D) }

  mutating func beginArray() {
    bytes.append(0x5B)
    empty.append(true)
  }

  mutating func endArray() { close(0x5D) }

  /// Starts the member `name` of the open object (the caller writes its value next).
  mutating func key(_ name: StaticString) {
    nextItem()
    bytes.append(0x22)
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: [0x22, 0x20, 0x3A, 0x20])  // `" : `
  }

  /// Starts the next element of the open array (the caller writes it next).
  mutating func element() { nextItem() }

  // MARK: Values

  mutating func null() { bytes.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

  mutating func bool(_ value: Bool) {
    if value {
      bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
    } else {
      bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
    }
  }

  mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

  mutating func string(_ value: String) {
    var plain = true
    var high = false
    for byte in value.utf8 {
      if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
        plain = false
        break
      }
      if byte >= 0x80 { high = true }
    }
    if plain, !high || !TerminalText.needsEscape(value) {
      bytes.append(0x22)
      bytes.append(contentsOf: value.utf8)
      bytes.append(0x22)
    } else {
      reencoded(value)
    }
  }

  mutating func optionalString(_ value: String?) {
    if let value { string(value) } else { null() }
  }

  /// An alias's content as `AliasContent.encode(to:)` writes it (`null` for none).
  mutating func aliasContent(_ content: AliasContent?) {
    guard let content else { return null() }
    beginObject()
    key("description")
    optionalString(content.description)
    key("models")
    strings(content.models)
    endObject()
  }

  mutating func strings(_ values: [String]) {
    beginArray()
    for value in values {
      element()
      string(value)
    }
    endArray()
  }

  /// Any value as `PrettyJSON` encodes it, indented to where it is written: through
  /// `JSONTreeEncoder` and `value(_:)` (a route graph is written as the tree it already is),
  /// or through `PrettyJSON` itself for what a tree cannot hold the way `JSONEncoder` writes it.
  mutating func encoded(_ value: some Encodable) {
    if let tree = try? JSONTreeEncoder.encode(value) {
      self.value(tree)
    } else {
      reencoded(value)
    }
  }

  /// A `JSONValue` as `PrettyJSON` writes it: keys sorted as `JSONEncoder` sorts them (by
  /// `String`'s order), numbers that are not integers through `PrettyJSON`.
  mutating func value(_ value: JSONValue) {
    switch value {
    case .null: null()
    case .bool(let b): bool(b)
    case .integer(let i): int(i)
    case .number(let d): reencoded(d)
    case .string(let s): string(s)
    case .array(let elements):
      beginArray()
      for element in elements {
        self.element()
        self.value(element)
      }
      endArray()
    case .object(let members):
      beginObject()
      for name in members.keys.sorted() {
        nextItem()
        string(name)
        bytes.append(contentsOf: [0x20, 0x3A, 0x20])  // ` : `
        self.value(members[name]!)
      }
      endObject()
    }
  }

  /// `value` through `PrettyJSON` (`JSONEncoder`), re-indented to where it is written.
  private mutating func reencoded(_ value: some Encodable) {
    let data = PrettyJSON.data(value)
    let indent = 2 * empty.count
    var previousWasNewline = false
    for byte in data {
      if previousWasNewline, byte != 0x0A {
        bytes.append(contentsOf: repeatElement(0x20, count: indent))
      }
      bytes.append(byte)
      previousWasNewline = byte == 0x0A
    }
  }

  // MARK: Layout

  private mutating func nextItem() {
    if empty[empty.count - 1] {
      empty[empty.count - 1] = false
      bytes.append(0x0A)
    } else {
      bytes.append(contentsOf: [0x2C, 0x0A])
    }
    indent(level: empty.count)
  }

  private mutating func close(_ bracket: UInt8) {
    let wasEmpty = empty.removeLast()
    bytes.append(0x0A)
    if wasEmpty { bytes.append(0x0A) }
    indent(level: empty.count)
    bytes.append(bracket)
  }

  private mutating func indent(level: Int) {
    bytes.append(contentsOf: repeatElement(0x20, count: 2 * level))
  }
}
