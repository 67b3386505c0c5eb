import Foundation
import Testing

@testable import OpperEmulator

/// The emulator's fast ids and token reading give what the Foundation calls they
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
