import Testing
@testable import OpalConfig

@Test func moduleLoads() {
  #expect(Bool(true))
}
