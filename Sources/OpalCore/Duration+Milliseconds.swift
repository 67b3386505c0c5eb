extension Duration {
  /// The duration in milliseconds, with fractions.
  public var milliseconds: Double {
    let c = components
    return Double(c.seconds) * 1000 + Double(c.attoseconds) / 1e15
  }

  /// The duration in whole milliseconds, rounded down.
  public var wholeMilliseconds: Int {
    let c = components
    return Int(c.seconds) * 1000 + Int(c.attoseconds / 1_000_000_000_000_000)
  }
}
