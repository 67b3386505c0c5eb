/// An object of the tree as a keyed container (`JSONTreeDecoder`).
struct TreeObject<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: [String: JSONValue]
  let codingPath: [any CodingKey]

  init(_ members: [String: JSONValue], path: [any CodingKey]) {
    self.members = members
    self.codingPath = path
  }

  var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

  func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

  private func member(_ key: Key) throws -> JSONValue {
    guard let value = members[key.stringValue] else {
      throw DecodingError.keyNotFound(
        key,
        .init(codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)."))
    }
    return value
  }

  func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try TreeNode.decode(type, try member(key), codingPath + [key])
  }

  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    guard let value = members[key.stringValue], value != .null else { return nil }
    return try TreeNode.decode(type, value, codingPath + [key])
  }

  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type, key) }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type, key) }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type, key) }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type, key) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type, key) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type, key) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type, key) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type, key) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type, key) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type, key) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type, key) }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type, key) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type, key) }

  /// A scalar member through the single-value rules of its node.
  private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
    let node = TreeNode(try member(key), path: codingPath + [key])
    if case .null = node.value {
      throw DecodingError.valueNotFound(
        T.self,
        .init(
          codingPath: node.codingPath,
          debugDescription: "Cannot get value of type \(T.self) -- found null value instead"))
    }
    return try node.decode(type)
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try TreeNode(try member(key), path: codingPath + [key]).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try TreeNode(try member(key), path: codingPath + [key]).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    TreeNode(members["super"] ?? .null, path: codingPath)
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    TreeNode(members[key.stringValue] ?? .null, path: codingPath + [key])
  }
}

/// An array of the tree as an unkeyed container (`JSONTreeDecoder`).
struct TreeArray: UnkeyedDecodingContainer {
  let elements: [JSONValue]
  let path: [any CodingKey]
  private(set) var currentIndex = 0

  init(_ elements: [JSONValue], path: [any CodingKey]) {
    self.elements = elements
    self.path = path
  }

  var codingPath: [any CodingKey] { path }
  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  /// The next element and its path; the index moves on only once it decoded.
  private func next(_ type: Any.Type) throws -> TreeNode {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        type,
        .init(codingPath: path + [TreeIndex(currentIndex)], debugDescription: "Unkeyed container is at end."))
    }
    return TreeNode(elements[currentIndex], path: path + [TreeIndex(currentIndex)])
  }

  mutating func decodeNil() throws -> Bool {
    guard try next(Never.self).value == .null else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let node = try next(type)
    let value = try TreeNode.decode(type, node.value, node.codingPath)
    currentIndex += 1
    return value
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type
  ) throws -> KeyedDecodingContainer<NestedKey> {
    let container = try next([String: Any].self).container(keyedBy: type)
    currentIndex += 1
    return container
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let container = try next([Any].self).unkeyedContainer()
    currentIndex += 1
    return container
  }

  mutating func superDecoder() throws -> any Decoder {
    let node = try next(Any.self)
    currentIndex += 1
    return node
  }
}
