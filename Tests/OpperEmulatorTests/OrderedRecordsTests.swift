import Testing

@testable import OpperEmulator

@Suite struct OrderedRecordsTests {
  @Test func pagesSkipDeletedRecordsAndKeepOrder() {
    var records = OrderedRecords<String>(id: { $0 }, name: { "name-\($0)" })
    for i in 0..<7 { records.append("r\(i)") }
    records.remove(id: "r2")
    #expect(records.count == 6)
    #expect(records.page(offset: 2, limit: 3) == ["r3", "r4", "r5"])
    #expect(records.record(named: "name-r4") == "r4")
    #expect(records.record(named: "name-r2") == nil)
    records.remove(id: "r0")
    #expect(records.page(offset: 0, limit: 100) == ["r1", "r3", "r4", "r5", "r6"])
    #expect(records.record(id: "r6") == "r6")
  }
}
