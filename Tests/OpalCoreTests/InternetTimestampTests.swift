import Foundation
import OpalCore
import Testing

/// `InternetTimestamp` writes what the Foundation formatters it replaced wrote (the emulator's
/// stamps, the snapshot's `created_at` and file name), for dates across four millennia,
/// half seconds and the last millisecond of a second.
@Suite struct InternetTimestampTests {
  static let dates: [Date] = {
    var random = SeededRandom(seed: 17)
    var dates = [
      Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400.999),  // 2000-02-29
      Date(timeIntervalSince1970: 1_764_660_684.0005), Date(timeIntervalSince1970: 4_102_444_799.9999),
      Date(),
    ]
    for _ in 0..<2_000 {
      dates.append(Date(timeIntervalSince1970: Double(random.next() % 4_000_000_000_000) / 1000))
      dates.append(Date(timeIntervalSince1970: Double(random.next() % 4_000_000_000) + 0.5))
    }
    return dates
  }()

  @Test func matchesISO8601DateFormatter() {
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    for date in Self.dates {
      #expect(InternetTimestamp.string(date) == plain.string(from: date), "\(date.timeIntervalSince1970)")
      #expect(
        InternetTimestamp.string(date, fractionalSeconds: true) == fractional.string(from: date),
        "\(date.timeIntervalSince1970)")
    }
  }

  @Test func basicFormatMatchesDateFormatter() {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    for date in Self.dates {
      #expect(InternetTimestamp.basic(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
    }
    #expect(InternetTimestamp.basic(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
  }
}
