import Foundation

/// The three date formats HTTP allows (RFC 9110 §5.6.7), read without locale-dependent
/// formatters: IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850
/// `Sunday, 06-Nov-94 08:49:37 GMT` and asctime `Sun Nov  6 08:49:37 1994`.
enum HTTPDate {
  private static let months = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  static func parse(_ text: String) -> Date? {
    let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    if parts.count == 6, parts[5].uppercased() == "GMT" {
      // IMF-fixdate: day-name, DD Mon YYYY HH:MM:SS GMT
      return make(day: parts[1], month: parts[2], year: parts[3], time: parts[4])
    }
    if parts.count == 4, parts[3].uppercased() == "GMT" {
      // RFC 850: day-name, DD-Mon-YY HH:MM:SS GMT
      let dmy = parts[1].split(separator: "-").map(String.init)
      guard dmy.count == 3, var year = Int(dmy[2]) else { return nil }
      if year < 100 { year += year < 70 ? 2000 : 1900 }
      return make(day: dmy[0], month: dmy[1], year: String(year), time: parts[2])
    }
    if parts.count == 5 {
      // asctime: day-name Mon D HH:MM:SS YYYY
      return make(day: parts[2], month: parts[1], year: parts[4], time: parts[3])
    }
    return nil
  }

  private static func make(day: String, month: String, year: String, time: String) -> Date? {
    guard let d = Int(day), (1...31).contains(d),
      let m = months.firstIndex(of: month.lowercased()),
      let y = Int(year), (1970...9999).contains(y)
    else { return nil }
    let hms = time.split(separator: ":").compactMap { Int($0) }
    guard hms.count == 3, (0...23).contains(hms[0]), (0...59).contains(hms[1]),
      (0...60).contains(hms[2])
    else { return nil }
    let days = daysFromCivil(year: y, month: m + 1, day: d)
    let seconds = days * 86_400 + hms[0] * 3600 + hms[1] * 60 + hms[2]
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }
}
