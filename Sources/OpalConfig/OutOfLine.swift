/// A value kept out of line behind one reference, for fields most values leave unset: the
/// struct holding it stays small and copies it with one retain. Immutable: a change makes a new
/// box. Equal and hashed by the value it holds.
final class OutOfLine<Value: Hashable & Sendable>: Hashable, Sendable {
  let value: Value

  init(_ value: Value) {
    self.value = value
  }

  static func == (a: OutOfLine, b: OutOfLine) -> Bool {
    a === b || a.value == b.value
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(value)
  }
}
