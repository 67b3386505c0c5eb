import Foundation
import OpalYAML

/// The keys one kind of mapping may hold (`models`, `smoke`, ...), matched against a key node's
/// bytes: reading a known key makes no `String`.
struct KeySet: Sendable {
  let names: [String]
  private let bytes: [[UInt8]]

  init(_ names: [String]) {
    self.names = names
    bytes = names.map { Array($0.utf8) }
  }

  /// The allowed name the key's text equals (as `String`s compare), or nil; nil for non-scalars.
  func match(_ key: YAMLDocument.NodeID, in doc: YAMLDocument) -> String? {
    guard doc.isScalar(key) else { return nil }
    let ascii = doc.isASCIIScalar(key)
    return doc.withScalarBytes(key) { b -> String? in
      guard ascii else {
        // Non-ASCII text can still equal an allowed key under canonical equivalence.
        let text = String(decoding: b, as: UTF8.self)
        return names.first { $0 == text }
      }
      for (i, name) in bytes.enumerated() where name.count == b.count {
        if name.withUnsafeBufferPointer({ sameBytes($0, b) }) { return names[i] }
      }
      return nil
    }
  }
}

/// Whether two byte runs are equal (`memcmp`, not an element-by-element generic loop).
func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
  guard a.count == b.count else { return false }
  guard let pa = a.baseAddress, let pb = b.baseAddress else { return true }
  return memcmp(pa, pb, a.count) == 0
}
