import Testing
@testable import OpalReconcile

@Test func moduleLoads() {
  #expect(Bool(true))
}
