import Foundation

/// A moment as the API writes it: RFC 3339 in UTC, `2026-12-02T07:31:24Z`, or with milliseconds,
/// `2026-12-02T07:31:24.123Z` (rounded, as `ISO8601DateFormatter` writes them). Written from
/// `gmtime_r`'s fields: a new `ISO8601DateFormatter` per timestamp (ICU's formatter built each
/// time) was ~30 % of the emulator's CPU in a smoke of 500 aliases, whose every call stamps
/// its spans, and loading ICU's formatter delayed an apply's first write (its snapshot is
/// stamped and named by the time).
public enum InternetTimestamp {
  /// `date` in UTC, to the second or with milliseconds.
  public static func string(_ date: Date, fractionalSeconds: Bool = false) -> String {
    format(date, basic: false, fractionalSeconds: fractionalSeconds)
  }

  /// `date` in UTC in ISO 8601's basic format, to the second: `20261202T073124Z` (for file
  /// names, which sort by it).
  public static func basic(_ date: Date) -> String {
    format(date, basic: true, fractionalSeconds: false)
  }

  private static func format(_ date: Date, basic: Bool, fractionalSeconds: Bool) -> String {
    // Milliseconds since 1970, rounded to the nearest, as the formatter rounds (59.9999 s is
    // the next minute): the same digits.
    let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
    let (quotient, remainder) = millis.quotientAndRemainder(dividingBy: 1000)
    var seconds = time_t(remainder < 0 ? quotient - 1 : quotient)
    var fields = tm()
    gmtime_r(&seconds, &fields)
    var text = [UInt8]()
    text.reserveCapacity(24)
    func put(_ value: Int, digits: Int) {
      var divisor = 1
      for _ in 1..<digits { divisor *= 10 }
      var value = value
      while divisor > 0 {
        text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
        value %= divisor
        divisor /= 10
      }
    }
    func separator(_ character: Unicode.Scalar) {
      if !basic { text.append(UInt8(ascii: character)) }
    }
    put(Int(fields.tm_year) + 1900, digits: 4)
    separator("-")
    put(Int(fields.tm_mon) + 1, digits: 2)
    separator("-")
    put(Int(fields.tm_mday), digits: 2)
    text.append(UInt8(ascii: "T"))
    put(Int(fields.tm_hour), digits: 2)
    separator(":")
    put(Int(fields.tm_min), digits: 2)
    separator(":")
    put(Int(fields.tm_sec), digits: 2)
    if fractionalSeconds {
      text.append(UInt8(ascii: "."))
      put(Int(remainder < 0 ? remainder + 1000 : remainder), digits: 3)
    }
    text.append(UInt8(ascii: "Z"))
    return String(decoding: text, as: UTF8.self)
  }
}
