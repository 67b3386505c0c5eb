/// The keyed container of a `TreeEncoding`: members go into the shared object box.
struct TreeObjectEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let box: TreeObjectBox
  let codingPath: [any CodingKey]

  init(_ box: TreeObjectBox, path: [any CodingKey]) {
    self.box = box
    self.codingPath = path
  }

  private func set(_ value: JSONValue, _ key: Key) { box.members[key.stringValue] = .value(value) }

  mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    set(try TreeEncoding.number(value, codingPath + [key]), key)
  }
  mutating func encode(_ value: Float, forKey key: Key) throws {
    throw JSONTreeEncoder.Unsupported(what: "Float")
  }
  mutating func encode(_ value: Int, forKey key: Key) throws { set(.integer(value), key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { set(try TreeEncoding.integer(value), key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { set(try TreeEncoding.integer(value), key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { set(try TreeEncoding.integer(value), key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { set(try TreeEncoding.integer(value), key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { set(try TreeEncoding.integer(value), key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { set(try TreeEncoding.integer(value), key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { set(try TreeEncoding.integer(value), key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { set(try TreeEncoding.integer(value), key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { set(try TreeEncoding.integer(value), key) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    set(try TreeEncoding.tree(of: value, path: codingPath + [key]), key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let nested = TreeObjectBox()
    box.members[key.stringValue] = .object(nested)
    return KeyedEncodingContainer(TreeObjectEncoding<NestedKey>(nested, path: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let nested = TreeArrayBox()
    box.members[key.stringValue] = .array(nested)
    return TreeArrayEncoding(nested, path: codingPath + [key])
  }

  /// As `JSONEncoder`: the super value is the member `super`, or the member `key`.
  mutating func superEncoder() -> any Encoder { superEncoder(named: "super", path: codingPath) }
  mutating func superEncoder(forKey key: Key) -> any Encoder {
    superEncoder(named: key.stringValue, path: codingPath + [key])
  }

  private func superEncoder(named name: String, path: [any CodingKey]) -> any Encoder {
    let encoding = TreeEncoding(path: path)
    box.members[name] = .encoding(encoding)
    return encoding
  }
}

/// The unkeyed container of a `TreeEncoding`: elements go into the shared array box.
struct TreeArrayEncoding: UnkeyedEncodingContainer {
  let box: TreeArrayBox
  let codingPath: [any CodingKey]
  var count: Int { box.elements.count }

  init(_ box: TreeArrayBox, path: [any CodingKey]) {
    self.box = box
    self.codingPath = path
  }

  private func append(_ value: JSONValue) { box.elements.append(.value(value)) }

  mutating func encodeNil() throws { append(.null) }
  mutating func encode(_ value: Bool) throws { append(.bool(value)) }
  mutating func encode(_ value: String) throws { append(.string(value)) }
  mutating func encode(_ value: Double) throws { append(try TreeEncoding.number(value, codingPath)) }
  mutating func encode(_ value: Float) throws { throw JSONTreeEncoder.Unsupported(what: "Float") }
  mutating func encode(_ value: Int) throws { append(.integer(value)) }
  mutating func encode(_ value: Int8) throws { append(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: Int16) throws { append(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: Int32) throws { append(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: Int64) throws { append(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: UInt) throws { append(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: UInt8) throws { append(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: UInt16) throws { append(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: UInt32) throws { append(try TreeEncoding.integer(value)) }
  mutating func encode(_ value: UInt64) throws { append(try TreeEncoding.integer(value)) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    append(try TreeEncoding.tree(of: value, path: codingPath + [TreeIndex(count)]))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = TreeObjectBox()
    let path = codingPath + [TreeIndex(count)]
    box.elements.append(.object(nested))
    return KeyedEncodingContainer(TreeObjectEncoding<NestedKey>(nested, path: path))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = TreeArrayBox()
    let path = codingPath + [TreeIndex(count)]
    box.elements.append(.array(nested))
    return TreeArrayEncoding(nested, path: path)
  }

  mutating func superEncoder() -> any Encoder {
    let encoding = TreeEncoding(path: codingPath + [TreeIndex(count)])
    box.elements.append(.encoding(encoding))
    return encoding
  }
}
