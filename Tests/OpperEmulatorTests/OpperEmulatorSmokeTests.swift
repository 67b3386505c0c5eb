import Testing
@testable import OpperEmulator

@Test func moduleLoads() {
  #expect(Bool(true))
}
