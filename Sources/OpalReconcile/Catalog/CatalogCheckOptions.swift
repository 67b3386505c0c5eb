import Foundation

/// The knobs of the catalog checks: how far ahead a retirement is worth a warning, and what
/// "now" is (the wall clock, or a fixed moment in tests).
public struct CatalogCheckOptions: Hashable, Sendable {
  /// `--retire-warn-days`: a hop retiring within this many days is a warning.
  public var retireWarnDays: Int
  public var now: Date

  public init(retireWarnDays: Int = 30, now: Date = Date()) {
    self.retireWarnDays = retireWarnDays
    self.now = now
  }
}
