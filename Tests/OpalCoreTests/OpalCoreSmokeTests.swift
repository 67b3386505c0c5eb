import Testing
@testable import OpalCore

@Test func moduleLoads() {
  #expect(Bool(true))
}
