import Testing
@testable import OpalSmoke

@Test func moduleLoads() {
  #expect(Bool(true))
}
