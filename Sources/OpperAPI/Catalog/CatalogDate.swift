import Foundation

/// Reading the catalog's dates.
public enum CatalogDate {
  /// An RFC 3339 date-time (fractional seconds optional) or a plain `YYYY-MM-DD` (midnight UTC).
  public static func parse(_ text: String) -> Date? {
    let plain = ISO8601DateFormatter()
    if let d = plain.date(from: text) { return d }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = fractional.date(from: text) { return d }
    let day = ISO8601DateFormatter()
    day.formatOptions = [.withFullDate]
    return day.date(from: text)
  }

  /// `date` as the API writes it: `2026-12-10T00:00:00Z`.
  public static func format(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
  }

  /// `date` as a day, for messages: `2026-12-10`.
  public static func day(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withFullDate]
    return f.string(from: date)
  }
}
