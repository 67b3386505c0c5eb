/// One value before and after a change (`{"old": …, "new": …}`, a side with none written as
/// `null`): a chain's primary hop, a hop's price. One type, so every such pair in a plan's JSON
/// has the same shape.
public struct ValueChange<Value: Codable & Hashable & Sendable>: Hashable, Sendable, Codable {
  public var old: Value?
  public var new: Value?

  public init(old: Value?, new: Value?) {
    self.old = old
    self.new = new
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(old, forKey: .old)
    try c.encode(new, forKey: .new)
  }

  enum CodingKeys: String, CodingKey { case old, new }
}
