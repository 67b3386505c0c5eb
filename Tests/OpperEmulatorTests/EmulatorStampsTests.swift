import Foundation
import Testing

@testable import OpperEmulator

/// The emulator's fast ids, timestamps and token reading give what the Foundation calls they
/// replaced gave.
@Suite struct EmulatorStampsTests {
  @Test func idsAreLowerCaseVersion4UUIDs() {
    var seen = Set<String>()
    for _ in 0..<1_000 {
      let id = RandomID.make()
      #expect(UUID(uuidString: id)?.uuidString.lowercased() == id, "\(id)")
      let parts = id.split(separator: "-").map(\.count)
      #expect(parts == [8, 4, 4, 4, 12], "\(id)")
      #expect(id[id.index(id.startIndex, offsetBy: 14)] == "4", "\(id)")
      #expect("89ab".contains(id[id.index(id.startIndex, offsetBy: 19)]), "\(id)")
      seen.insert(id)
    }
    #expect(seen.count == 1_000)
  }

  @Test func timestampsMatchISO8601DateFormatter() {
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    var generator = SeededGenerator(state: 17)
    var dates = [
      Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400.999),  // 2000-02-29
      Date(timeIntervalSince1970: 1_764_660_684.0005), Date(timeIntervalSince1970: 4_102_444_799.9999),
      Date(),
    ]
    for _ in 0..<2_000 {
      dates.append(Date(timeIntervalSince1970: Double(generator.next() % 4_000_000_000_000) / 1000))
      dates.append(Date(timeIntervalSince1970: Double(generator.next() % 4_000_000_000) + 0.5))
    }
    for date in dates {
      #expect(InternetTimestamp.string(date) == plain.string(from: date), "\(date.timeIntervalSince1970)")
      #expect(
        InternetTimestamp.string(date, fractionalSeconds: true) == fractional.string(from: date),
        "\(date.timeIntervalSince1970)")
    }
  }

  @Test func asciiTokensReadAsTheGeneralRuleReadsThem() {
    let headers = [
      "Bearer abc", "bearer abc", "BEARER abc", "BeArEr   abc  ", "Bearer \tabc\t", "Bearer ",
      "Bearer  ", "Bearer", "Bearerabc", "Basic abc", "Bearer a b", "bearer\tabc", "Token x",
      "", " Bearer abc", "Bearer bench-key-not-a-secret", "Bearer @[]`{}~",
    ]
    for header in headers {
      let fast = BearerAuthMiddleware.asciiToken(header)
      #expect(fast != nil, "\(header)")
      #expect(fast == BearerAuthMiddleware.token(header), "\(header)")
    }
    #expect(BearerAuthMiddleware.asciiToken("Bearer abc") == Array("abc".utf8))
    #expect(BearerAuthMiddleware.asciiToken("Bearer   ") == [])
    // Anything else takes the general path: Unicode white space is trimmed there.
    #expect(BearerAuthMiddleware.asciiToken("Bearer abc\u{00A0}") == nil)
    #expect(BearerAuthMiddleware.token("Bearer abc\u{00A0}") == Array("abc".utf8))
    #expect(BearerAuthMiddleware.asciiToken("Bearer k\u{E9}y") == nil)
  }
}

/// A small deterministic generator (SplitMix64) for the date samples.
private struct SeededGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
