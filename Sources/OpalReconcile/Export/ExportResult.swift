/// The text `opal export` writes, with how many aliases it holds and what was left out.
public struct ExportResult: Hashable, Sendable {
  public var yaml: String
  public var count: Int
  public var warnings: [String]

  public init(yaml: String, count: Int, warnings: [String] = []) {
    self.yaml = yaml
    self.count = count
    self.warnings = warnings
  }
}
