import Testing
@testable import OpperAPI

@Test func moduleLoads() {
  #expect(Bool(true))
}
