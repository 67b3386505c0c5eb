import Testing
@testable import OpalYAML

@Test func moduleLoads() {
  #expect(Bool(true))
}
