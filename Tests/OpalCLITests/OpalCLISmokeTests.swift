import Testing
@testable import OpalCLI

@Test func moduleLoads() {
  #expect(Bool(true))
}
