import Foundation
import Testing

@testable import OpalCore

/// `FixedDecimal` writes what `String(format: "%.Nf")` writes, byte for byte: the plan's prices
/// must not change by a digit for being written faster.
@Suite struct FixedDecimalTests {
  /// Prices as catalogs give them, half-way cases whose binary value lies below or above the
  /// half (0.0375 prints 0.037 at three places), and what a hostile catalog could send.
  static let edges: [Double] = [
    0, -0.0, 3, 0.15, 0.075, 0.0375, 0.0005, 1.0005, 2.675, 0.125, 0.375, 15, 75, 0.1, 0.2, 0.3,
    1e-9, 999.9995, 1e21, 1e300, -1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    .leastNonzeroMagnitude, .infinity, -.infinity, .nan, -2.5, 0.5, 1.5, 2.5,
  ]

  @Test func edgeValuesMatchPrintf() {
    for value in Self.edges {
      for places in 0...9 {
        #expect(
          FixedDecimal.text(value, places: places) == String(format: "%.\(places)f", value),
          "\(value) at \(places) places")
      }
    }
  }

  @Test func randomValuesAcrossMagnitudesMatchPrintf() {
    var random = SeededRandom(seed: 0x5eed_f1ed)
    for _ in 0..<20_000 {
      let magnitude = Double(Int(random.next() % 16)) - 6  // 1e-6 … 1e9
      let value = random.nextDouble() * pow(10, magnitude) * (random.next() % 4 == 0 ? -1 : 1)
      let places = Int(random.next() % 10)
      #expect(FixedDecimal.text(value, places: places) == String(format: "%.\(places)f", value))
    }
  }

  @Test func aTextSaidAgainIsTheSameText() {
    // The second call may come from the remembered texts: it must still be printf's.
    for _ in 0..<3 {
      for value in Self.edges {
        #expect(FixedDecimal.text(value, places: 3) == String(format: "%.3f", value), "\(value)")
        #expect(FixedDecimal.text(value, places: 2) == String(format: "%.2f", value), "\(value)")
      }
    }
    #expect(FixedDecimal.text(-0.0, places: 2) == "-0.00")
    #expect(FixedDecimal.text(0.0, places: 2) == "0.00")
  }

  @Test func placesOutsideTheRangeAreClamped() {
    #expect(FixedDecimal.text(1.23456, places: -3) == "1")
    #expect(FixedDecimal.text(1.23456, places: 40) == "1.234560000")
  }
}
